import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { applyApiError } from '../../../api/form-errors';
import { ErrorState, FormErrors, QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../components/format';
import { keys, useAward, useOrganisationNames } from '../api';
import type { ObjectionView, ScenarioView } from '../types';
import { ToneTag, type Tone } from '../components/ToneTag';

const OBJECTION_COLOURS: Record<string, Tone> = {
  lodged: 'orange',
  upheld: 'red',
  dismissed: 'default',
  lapsed: 'default',
};

export function ObjectionsTab({ scenario }: { scenario: ScenarioView }) {
  const { t } = useTranslation();
  const award = useAward(scenario.id);
  if (award.isError && award.error instanceof ApiError && award.error.status === 404)
    return <Alert type="info" showIcon title={t('staff.objections.noDecision')} />;
  if (award.isError) return <ErrorState error={award.error} onRetry={() => void award.refetch()} />;
  return (
    <QueryState query={award}>
      {(a) => {
        const all = [a.current, ...a.superseded]
          .filter((d) => !!d)
          .flatMap((d) => d!.objections.map((o) => ({ ...o, superseded: !!d!.supersededAt })));
        if (all.length === 0)
          return (
            <Typography.Paragraph>
              {a.current ? t('staff.objections.none') : t('staff.objections.noDecision')}
            </Typography.Paragraph>
          );
        const open = all.filter((o) => o.status === 'lodged');
        return (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
              {t('staff.objections.title', { count: all.length, open: open.length })}
            </Typography.Title>
            {all.map((o) => (
              <ObjectionCard key={o.id} objection={o} superseded={o.superseded} scenarioId={scenario.id} />
            ))}
          </Space>
        );
      }}
    </QueryState>
  );
}

function ObjectionCard({
  objection: o,
  superseded,
  scenarioId,
}: {
  objection: ObjectionView;
  superseded: boolean;
  scenarioId: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const names = useOrganisationNames();
  const [form] = Form.useForm<{ reasons: string }>();
  const [errors, setErrors] = useState<string[]>([]);
  const decide = useMutation({
    mutationFn: ({ action, reasons }: { action: 'uphold' | 'dismiss'; reasons: string }) =>
      api.post<ObjectionView>(`/objections/${o.id}/${action}`, { reasons }),
    onSuccess: (_, { action }) => {
      setErrors([]);
      void message.success(t(`staff.objections.done.${action}`));
      void queryClient.invalidateQueries({ queryKey: keys.all });
      void queryClient.invalidateQueries({ queryKey: keys.scenario(scenarioId) });
    },
    onError: (e) => setErrors(applyApiError(form, e)),
  });
  const run = (action: 'uphold' | 'dismiss') =>
    form.validateFields().then(
      (v) => decide.mutate({ action, reasons: v.reasons }),
      () => undefined,
    );
  const vendor = names.data?.get(o.organisationId) ?? o.organisationId;

  return (
    <Card
      size="small"
      title={
        <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }} className="wrap-anywhere">
          {t('staff.objections.from', { vendor })}
        </Typography.Title>
      }
      extra={<ToneTag tone={OBJECTION_COLOURS[o.status]}>{t(`staff.objections.status.${o.status}`)}</ToneTag>}
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'lodgedAt', label: t('staff.objections.lodgedAt'), children: formatDateTime(o.lodgedAt) },
          {
            key: 'grounds',
            label: t('staff.objections.grounds'),
            children: (
              <span style={{ whiteSpace: 'pre-wrap' }} className="wrap-anywhere">
                {o.grounds}
              </span>
            ),
          },
          ...(o.reasons
            ? [
                {
                  key: 'reasons',
                  label: t('staff.objections.reasons'),
                  children: <span style={{ whiteSpace: 'pre-wrap' }}>{o.reasons}</span>,
                },
                { key: 'decidedAt', label: t('staff.objections.decidedAt'), children: formatDateTime(o.decidedAt) },
              ]
            : []),
          ...(superseded
            ? [{ key: 'sup', label: t('staff.objections.decision'), children: t('staff.objections.onSuperseded') }]
            : []),
        ]}
      />
      {o.status === 'lodged' && (
        <>
          <FormErrors messages={errors} />
          <Form form={form} layout="vertical" style={{ marginTop: 12 }}>
            <Form.Item
              label={t('staff.objections.reasons')}
              name="reasons"
              rules={[{ required: true, whitespace: true, message: t('staff.objections.reasonsRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={5000} showCount />
            </Form.Item>
            <Space wrap>
              <Button
                onClick={() => void run('dismiss')}
                loading={decide.isPending && decide.variables?.action === 'dismiss'}
              >
                {t('staff.objections.dismiss')}
              </Button>
              <Popconfirm
                title={t('staff.objections.confirmUphold')}
                okText={t('staff.objections.uphold')}
                cancelText={t('common.action.cancel')}
                onConfirm={() => void run('uphold')}
              >
                <Button danger loading={decide.isPending && decide.variables?.action === 'uphold'}>
                  {t('staff.objections.uphold')}
                </Button>
              </Popconfirm>
            </Space>
          </Form>
        </>
      )}
    </Card>
  );
}
