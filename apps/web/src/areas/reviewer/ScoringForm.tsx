import { useMemo, useState } from 'react';
import { Alert, App, Button, Descriptions, Flex, Form, Input, InputNumber, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors';
import { FormErrors } from '../../components/QueryState';
import { formatDateTime } from '../../components/format';
import { formValuesFrom, round2, scoresPayload, valuesOf, weightedTotal, type ScoringFormValues } from './scoring';
import { TAG } from './panels';
import type { CriterionScore, EvaluationStatus, MyScores, RubricCriterion } from './types';

/** The API's limit on a score comment (libs/evaluation/src/evaluation.dto.ts, SCORE_COMMENT_MAX). */
export const SCORE_COMMENT_MAX = 2000;

export interface ScoringFormProps {
  criteria: RubricCriterion[];
  status: EvaluationStatus;
  myScores: CriterionScore[];
  myTotal: number | null;
  scoredAt: string | null;
  /** Sends the scores (PUT …/scores); rejects with the ApiError to show. */
  onSubmit: (body: ReturnType<typeof scoresPayload>) => Promise<MyScores>;
}

/**
 * A score sheet following the rubric: one whole-number input per criterion (0..scaleMax), a comment
 * where the rubric asks for one, the weight beside each, and the weighted total (0–100) as it is typed.
 */
export function ScoringForm(props: ScoringFormProps) {
  return props.status === 'scoring' ? <EditableScoringForm {...props} /> : <ReadOnlyScores {...props} />;
}

function EditableScoringForm({ criteria, myScores, myTotal, scoredAt, onSubmit }: ScoringFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ScoringFormValues>();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const initialValues = useMemo(() => formValuesFrom(criteria, myScores), [criteria, myScores]);
  const watched = Form.useWatch('scores', form) as ScoringFormValues['scores'] | undefined;
  const live = weightedTotal(criteria, valuesOf(watched ? { scores: watched } : initialValues));
  const scoredBefore = myScores.length > 0;

  const onFinish = async (values: ScoringFormValues) => {
    setErrors([]);
    setBusy(true);
    try {
      const saved = await onSubmit(scoresPayload(criteria, values));
      void message.success(t('reviewer.scoring.saved', { revision: saved.revision, total: saved.total }));
    } catch (error) {
      setErrors(applyApiError(form, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<ScoringFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      scrollToFirstError={{ block: 'center' }}
      aria-label={t('reviewer.scoring.title')}
    >
      <FormErrors messages={errors} />
      {criteria.map((c) => (
        <fieldset
          key={c.key}
          style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '12px 12px 0', marginBottom: 12 }}
        >
          <legend
            style={{ width: 'auto', border: 0, padding: '0 4px', marginBottom: 0, fontSize: 15, fontWeight: 600 }}
          >
            {c.name}
          </legend>
          <Flex gap={8} wrap style={{ marginBottom: 8 }}>
            <Tag color={TAG.blue}>{t('reviewer.scoring.weight', { weight: c.weight })}</Tag>
            {c.commentRequired && <Tag color={TAG.orange}>{t('reviewer.evaluation.commentRequired')}</Tag>}
          </Flex>
          <Form.Item
            label={t('reviewer.scoring.valueLabel', { name: c.name, max: c.scaleMax })}
            name={['scores', c.key, 'value']}
            rules={[
              { required: true, message: t('reviewer.scoring.valueRequired', { name: c.name }) },
              {
                validator: async (_, v: number | null | undefined) => {
                  if (v === null || v === undefined) return;
                  if (!Number.isInteger(v) || v < 0 || v > c.scaleMax)
                    throw new Error(t('reviewer.scoring.outOfScale', { max: c.scaleMax }));
                },
              },
            ]}
          >
            <InputNumber min={0} max={c.scaleMax} step={1} precision={0} inputMode="numeric" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item
            label={t(c.commentRequired ? 'reviewer.scoring.comment' : 'reviewer.scoring.commentOptional', {
              name: c.name,
            })}
            name={['scores', c.key, 'comment']}
            rules={[
              ...(c.commentRequired
                ? [
                    {
                      required: true,
                      whitespace: true,
                      message: t('reviewer.scoring.commentRequired', { name: c.name }),
                    },
                  ]
                : []),
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={SCORE_COMMENT_MAX} showCount />
          </Form.Item>
        </fieldset>
      ))}

      <div
        style={{
          position: 'sticky',
          bottom: 0,
          background: '#fff',
          borderTop: '1px solid #f0f0f0',
          padding: '12px 0',
          zIndex: 1,
        }}
      >
        <Flex justify="space-between" align="center" wrap gap={8}>
          <div aria-live="polite" data-testid="weighted-total">
            <Typography.Text type="secondary">{t('reviewer.scoring.total')}</Typography.Text>{' '}
            <Typography.Text strong style={{ fontSize: 22 }}>
              {t('reviewer.scoring.totalValue', { total: round2(live.total) })}
            </Typography.Text>
            {!live.complete && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {t('reviewer.scoring.partial', { scored: live.scored, count: criteria.length })}
              </Typography.Text>
            )}
          </div>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t(scoredBefore ? 'reviewer.scoring.resubmit' : 'reviewer.scoring.submit')}
          </Button>
        </Flex>
        <Progress
          percent={Math.round(live.total)}
          showInfo={false}
          size="small"
          aria-label={t('reviewer.scoring.total')}
          style={{ marginBottom: 0 }}
        />
        {scoredAt && myTotal !== null && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('reviewer.scoring.lastSubmitted', { time: formatDateTime(scoredAt), total: myTotal })}
          </Typography.Text>
        )}
      </div>
    </Form>
  );
}

/** The reviewer's scores once the panel no longer takes them (or before it does): read, not a form. */
function ReadOnlyScores({
  criteria,
  status,
  myScores,
  myTotal,
  scoredAt,
}: Pick<ScoringFormProps, 'criteria' | 'status' | 'myScores' | 'myTotal' | 'scoredAt'>) {
  const { t } = useTranslation();
  const byKey = new Map(myScores.map((s) => [s.criterion, s]));
  return (
    <div>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t(status === 'setup' ? 'reviewer.scoring.readOnlyNotScoring' : 'reviewer.scoring.readOnlyClosed')}
      />
      <Descriptions
        column={1}
        size="small"
        bordered
        items={criteria.map((c) => {
          const s = byKey.get(c.key);
          return {
            key: c.key,
            label: (
              <>
                {c.name}
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('reviewer.scoring.weight', { weight: c.weight })}
                </Typography.Text>
              </>
            ),
            children: s ? (
              <>
                <Typography.Text strong>
                  {s.value} / {c.scaleMax}
                </Typography.Text>
                {s.comment && (
                  <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                    {s.comment}
                  </Typography.Paragraph>
                )}
              </>
            ) : (
              <Typography.Text type="secondary">{t('reviewer.proposals.notScored')}</Typography.Text>
            ),
          };
        })}
      />
      <Typography.Paragraph style={{ marginTop: 12 }} data-testid="weighted-total">
        <Typography.Text type="secondary">{t('reviewer.scoring.total')}</Typography.Text>{' '}
        <Typography.Text strong style={{ fontSize: 20 }}>
          {myTotal === null ? '—' : t('reviewer.scoring.totalValue', { total: myTotal })}
        </Typography.Text>
        {scoredAt && (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t('reviewer.proposals.scoredAt', { time: formatDateTime(scoredAt) })}
          </Typography.Text>
        )}
      </Typography.Paragraph>
    </div>
  );
}
