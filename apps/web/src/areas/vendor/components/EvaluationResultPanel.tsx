import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Flex, Form, Input, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { applyApiError } from '../../../api/form-errors';
import { FormErrors, QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../components/format';
import { useEvaluationResult, useScenario, vendorKeys } from '../api';
import type { EvaluationResultView } from '../types';
import { AwardNoticeView } from './AwardNoticeView';
import { useReviewerLabel } from './bits';
import { ToneTag } from './ToneTag';

/**
 * A vendor's own evaluation result once decided: the outcome, the award notice, its own scores with the
 * reviewers' comments (anonymised), and its objection within the standstill.
 */
export function EvaluationResultPanel({
  proposalId,
  scenarioId,
  headingLevel = 3,
}: {
  proposalId: string;
  scenarioId: string;
  /** Level of the panel's heading; its parts are one level below. */
  headingLevel?: 2 | 3;
}) {
  const result = useEvaluationResult(proposalId);
  const scenario = useScenario(scenarioId);
  const { t } = useTranslation();
  const sub = (headingLevel + 1) as 3 | 4;
  return (
    <section data-testid="evaluation-result">
      <Typography.Title level={headingLevel} style={{ fontSize: 16 }}>
        {t('vendor.result.title')}
      </Typography.Title>
      <QueryState query={result}>
        {(r) => (
          <Flex vertical gap={16}>
            <Alert
              type={r.status === 'awarded' ? 'success' : 'info'}
              showIcon
              title={
                r.status === 'awarded'
                  ? t('vendor.result.awarded')
                  : r.outcome === 'no_award'
                    ? t('vendor.result.noAward')
                    : t('vendor.result.unsuccessful')
              }
            />
            {scenario.data?.awardNotice && <AwardNoticeView notice={scenario.data.awardNotice} headingLevel={sub} />}
            <Scores result={r} level={sub} />
            <Objections result={r} level={sub} />
          </Flex>
        )}
      </QueryState>
    </section>
  );
}

function Scores({ result: r, level }: { result: EvaluationResultView; level: 3 | 4 }) {
  const { t } = useTranslation();
  const reviewerLabel = useReviewerLabel();
  const names = new Map(r.criteria.map((c) => [c.key, c.name]));
  return (
    <div>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'mean',
            label: t('vendor.result.weightedMean'),
            children: r.weightedMean === null ? '—' : t('vendor.result.outOf', { value: r.weightedMean }),
          },
        ]}
      />
      <Typography.Title level={level} style={{ fontSize: 15 }}>
        {t('vendor.result.criteria')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={r.criteria}
        columns={[
          { title: t('vendor.result.criterion'), dataIndex: 'name' },
          { title: t('vendor.result.weight'), dataIndex: 'weight' },
          { title: t('vendor.result.scaleMax'), dataIndex: 'scaleMax' },
          { title: t('vendor.result.mean'), dataIndex: 'mean', render: (v: number | null) => v ?? '—' },
        ]}
      />
      <Typography.Title level={level} style={{ fontSize: 15, marginTop: 16 }}>
        {t('vendor.result.reviewers')}
      </Typography.Title>
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {r.reviewers.map((rev) => (
          <li key={rev.reviewer} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
            <Typography.Text strong>
              {reviewerLabel(rev.reviewer)} · {t('vendor.result.reviewerTotal', { total: rev.total })}
            </Typography.Text>
            <ul style={{ paddingInlineStart: 20, margin: '4px 0 0' }}>
              {rev.scores.map((s) => (
                <li key={s.criterion}>
                  {names.get(s.criterion) ?? s.criterion}：{s.value}
                  {s.comment && (
                    <Typography.Text type="secondary" style={{ display: 'block' }} className="wrap-anywhere">
                      {t('vendor.result.comment')}：{s.comment}
                    </Typography.Text>
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Objections({ result: r, level }: { result: EvaluationResultView; level: 3 | 4 }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ grounds: string }>();
  const [errors, setErrors] = useState<string[]>([]);
  const lodge = useMutation({
    mutationFn: (grounds: string) => api.post(`/proposals/${r.proposalId}/objections`, { grounds }),
    onSuccess: () => {
      void message.success(t('vendor.result.lodged'));
      form.resetFields();
      setErrors([]);
      return queryClient.invalidateQueries({ queryKey: vendorKeys.evaluationResult(r.proposalId) });
    },
    onError: (e) => setErrors(applyApiError(form, e)),
  });
  const standstillOver = Date.now() >= new Date(r.standstillEndsAt).getTime();
  if (r.status === 'awarded' && r.objections.length === 0) return null;
  const objectionTone = { lodged: 'blue', upheld: 'green', dismissed: 'default', lapsed: 'default' } as const;
  return (
    <div>
      <Typography.Title level={level} style={{ fontSize: 15 }}>
        {t('vendor.result.objections')}
      </Typography.Title>
      {r.objections.length > 0 && (
        <ul style={{ listStyle: 'none', padding: 0, margin: '0 0 12px' }}>
          {r.objections.map((o) => (
            <li key={o.id} style={{ marginBottom: 8 }}>
              <ToneTag tone={objectionTone[o.status]} style={{ marginInlineEnd: 8 }}>
                {t(`vendor.result.objectionStatus.${o.status}`)}
              </ToneTag>
              <Typography.Text type="secondary">
                {t('vendor.result.lodgedAt', { date: formatDateTime(o.lodgedAt) })}
              </Typography.Text>
              <Typography.Paragraph className="wrap-anywhere" style={{ margin: '4px 0 0' }}>
                {o.grounds}
              </Typography.Paragraph>
              {o.reasons && (
                <Typography.Text type="secondary" className="wrap-anywhere">
                  {t('vendor.result.reasons', { reasons: o.reasons })}
                </Typography.Text>
              )}
            </li>
          ))}
        </ul>
      )}
      {r.objectionAllowed ? (
        <>
          <Typography.Paragraph>
            {t('vendor.result.objectionAllowed', { date: formatDateTime(r.standstillEndsAt) })}
          </Typography.Paragraph>
          <FormErrors messages={errors} />
          <Form form={form} layout="vertical" onFinish={(v) => lodge.mutate(v.grounds)}>
            <Form.Item
              label={t('vendor.result.grounds')}
              name="grounds"
              rules={[{ required: true, whitespace: true, message: t('vendor.result.groundsRequired') }]}
            >
              <Input.TextArea rows={4} maxLength={5000} showCount />
            </Form.Item>
            <Button htmlType="submit" loading={lodge.isPending}>
              {t('vendor.result.lodge')}
            </Button>
          </Form>
        </>
      ) : (
        standstillOver &&
        r.status !== 'awarded' && (
          <Typography.Text type="secondary">
            {t('vendor.result.objectionClosed', { date: formatDateTime(r.standstillEndsAt) })}
          </Typography.Text>
        )
      )}
    </div>
  );
}
