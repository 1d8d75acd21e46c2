import { useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { applyApiError } from '../../../api/form-errors';
import { FormErrors, QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../components/format';
import { Panel } from '../components/Panel';
import { agencyKeys } from '../api';
import type {
  AmendmentDetailView,
  AmendmentResultView,
  AmendmentSummaryView,
  ScenarioDtoField,
  ScenarioView,
} from '../types';
import { ScenarioFields } from '../editor/ScenarioFields';
import { scenarioToForm, type ScenarioFormValues } from '../editor/formMapping';
import { retargetApiError } from '../editor/steps';
import { AMENDABLE_FIELDS, amendmentChanges, canAmend, isMaterial } from './rules';

interface AmendFormValues {
  reason: string;
  fields: ScenarioDtoField[];
  changes: ScenarioFormValues;
}

/** Amendments (变更) of a published scenario, and the public history of every amendment. */
export function AmendmentsTab({ scenario }: { scenario: ScenarioView }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<AmendmentDetailView | null>(null);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {result && <AmendmentResult amendment={result} onClose={() => setResult(null)} />}
      {canAmend(scenario.status) ? (
        <AmendForm scenario={scenario} onDone={setResult} />
      ) : (
        <Alert type="info" showIcon title={t('agency.amendments.notPublished')} />
      )}
      <AmendmentHistory scenario={scenario} />
    </Space>
  );
}

function AmendmentResult({ amendment: a, onClose }: { amendment: AmendmentDetailView; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type={a.material ? 'warning' : 'success'}
      showIcon
      closable={{ 'aria-label': t('agency.close') }}
      onClose={onClose}
      role="status"
      title={t('agency.amendments.done', { no: a.no })}
      description={
        <>
          <div>{a.material ? t('agency.amendments.materialEffect') : t('agency.amendments.notMaterialEffect')}</div>
          {a.deadlineExtended && (
            <div>
              {t('agency.amendments.deadlineExtended', {
                before: formatDateTime(a.deadlineBefore),
                after: formatDateTime(a.deadlineAfter),
              })}
            </div>
          )}
        </>
      }
    />
  );
}

function AmendForm({ scenario, onDone }: { scenario: ScenarioView; onDone: (a: AmendmentDetailView) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AmendFormValues>();
  const [errors, setErrors] = useState<string[]>([]);
  const chosen = (Form.useWatch('fields', form) ?? []) as ScenarioDtoField[];
  const initialValues = useMemo<AmendFormValues>(
    () => ({ reason: '', fields: [], changes: scenarioToForm(scenario) }),
    [scenario],
  );
  const amend = useMutation({
    mutationFn: (body: { version: number; reason: string; changes: object }) =>
      api.post<AmendmentResultView>(`/scenarios/${scenario.id}/amendments`, body),
    onMutate: () => setErrors([]),
    onSuccess: (res) => {
      void message.success(t('agency.amendments.done', { no: res.amendment.no }));
      queryClient.setQueryData(agencyKeys.scenario(scenario.id), res.scenario);
      void queryClient.invalidateQueries({ queryKey: agencyKeys.amendments(scenario.id) });
      void queryClient.invalidateQueries({ queryKey: agencyKeys.mine() });
      form.resetFields();
      form.setFieldsValue({ reason: '', fields: [], changes: scenarioToForm(res.scenario) });
      onDone(res.amendment);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'SCENARIO_VERSION_CONFLICT') {
        setErrors([e.message]);
        void queryClient.invalidateQueries({ queryKey: agencyKeys.scenario(scenario.id) });
        return;
      }
      setErrors(applyApiError(form, retargetApiError(e, 'changes')));
    },
  });

  const onFinish = (values: AmendFormValues) => {
    const changes = amendmentChanges(scenario, form.getFieldValue('changes') as ScenarioFormValues, values.fields);
    if (!Object.keys(changes).length) {
      form.setFields([{ name: 'fields', errors: [t('agency.rules.amendmentUnchanged')] }]);
      return;
    }
    amend.mutate({ version: scenario.version, reason: values.reason, changes });
  };

  return (
    <Panel>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('agency.amendments.formHeading')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('agency.amendments.help')}</Typography.Paragraph>
      <FormErrors messages={errors} />
      <Form
        form={form}
        name="amendment"
        layout="vertical"
        initialValues={initialValues}
        onFinish={onFinish}
        requiredMark={false}
      >
        <Form.Item
          name="reason"
          label={t('agency.amendments.reason')}
          rules={[
            { required: true, whitespace: true, message: t('agency.rules.amendmentReason') },
            { max: 2000, message: t('agency.rules.maxLength', { max: 2000 }) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item
          name="fields"
          label={t('agency.amendments.fields')}
          rules={[{ required: true, type: 'array', min: 1, message: t('agency.rules.amendmentFields') }]}
        >
          <Select
            mode="multiple"
            placeholder={t('agency.placeholder.select')}
            showSearch={{ optionFilterProp: 'label' }}
            options={AMENDABLE_FIELDS.map((f) => ({ value: f, label: t(`agency.fields.${f}`) }))}
          />
        </Form.Item>
        {isMaterial(chosen) && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('agency.amendments.materialWarning')} />
        )}
        {chosen.length > 0 && (
          <ScenarioFields
            fields={AMENDABLE_FIELDS.filter((f) => chosen.includes(f))}
            prefix={['changes']}
            domain={scenario.domain}
          />
        )}
        <Button type="primary" htmlType="submit" loading={amend.isPending}>
          {t('agency.amendments.submit')}
        </Button>
      </Form>
    </Panel>
  );
}

function AmendmentHistory({ scenario }: { scenario: ScenarioView }) {
  const { t } = useTranslation();
  // The public route is cacheable for a minute: asking with the scenario's version (which every
  // amendment raises) gets a fresh list right after our own amendment.
  const query = useQuery({
    queryKey: [...agencyKeys.amendments(scenario.id), scenario.version],
    queryFn: ({ signal }) =>
      api.get<AmendmentSummaryView[]>(`/public/scenarios/${scenario.id}/amendments`, { v: scenario.version }, signal),
  });
  return (
    <Panel>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('agency.amendments.historyHeading')}
      </Typography.Title>
      <QueryState
        query={query}
        isEmpty={(list) => list.length === 0}
        empty={<Typography.Text type="secondary">{t('agency.amendments.none')}</Typography.Text>}
      >
        {(list) => (
          <ol
            style={{ paddingInlineStart: 0, listStyle: 'none', margin: 0 }}
            aria-label={t('agency.amendments.historyHeading')}
          >
            {[...list].reverse().map((a) => (
              <li key={a.no} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                <Space wrap size="small">
                  <strong>{t('agency.amendments.no', { no: a.no })}</strong>
                  <Typography.Text type="secondary">{formatDateTime(a.amendedAt)}</Typography.Text>
                  {a.material && <Tag color="orange">{t('agency.amendments.material')}</Tag>}
                  {a.deadlineExtended && <Tag color="blue">{t('agency.amendments.extended')}</Tag>}
                </Space>
                <div className="wrap-anywhere">{a.reason}</div>
                <Typography.Text type="secondary">
                  {t('agency.amendments.changed', {
                    fields: a.changedFields.map((f) => t(`agency.fields.${f}`, { defaultValue: f })).join('、'),
                  })}
                </Typography.Text>
              </li>
            ))}
          </ol>
        )}
      </QueryState>
    </Panel>
  );
}
