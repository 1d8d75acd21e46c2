import { useState } from 'react';
import { Alert, App, Button, Form, Input, Segmented, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { applyApiError } from '../../../api/form-errors';
import { FormErrors, QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../components/format';
import { Panel } from '../components/Panel';
import { agencyKeys } from '../api';
import type { QuestionView, ScenarioView } from '../types';
import { canAnswer } from './rules';

type Filter = 'unanswered' | 'all';

/** Q&A (澄清答疑): vendors' anonymous questions; the agency answers for everyone. */
export function QuestionsTab({ scenario }: { scenario: ScenarioView }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('unanswered');
  const query = useQuery({
    queryKey: agencyKeys.questions(scenario.id),
    queryFn: ({ signal }) => api.get<QuestionView[]>(`/scenarios/${scenario.id}/questions`, undefined, signal),
  });
  const answering = canAnswer(scenario.status);
  return (
    <Panel>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('agency.questions.heading')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {answering ? t('agency.questions.help') : t('agency.questions.closed')}
      </Typography.Paragraph>
      <QueryState
        query={query}
        isEmpty={(list) => list.length === 0}
        empty={<Typography.Text type="secondary">{t('agency.questions.none')}</Typography.Text>}
      >
        {(list) => {
          const unanswered = list.filter((q) => !q.answer);
          const shown = filter === 'unanswered' ? unanswered : list;
          return (
            <>
              <Segmented<Filter>
                value={filter}
                onChange={setFilter}
                aria-label={t('agency.questions.filter')}
                options={[
                  { value: 'unanswered', label: t('agency.questions.unanswered', { count: unanswered.length }) },
                  { value: 'all', label: t('agency.questions.all', { count: list.length }) },
                ]}
                style={{ marginBottom: 16 }}
              />
              {shown.length === 0 ? (
                <Typography.Paragraph type="secondary">{t('agency.questions.allAnswered')}</Typography.Paragraph>
              ) : (
                <ol style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('agency.questions.heading')}>
                  {shown.map((q) => (
                    <li key={q.id} style={{ marginBottom: 12 }}>
                      <QuestionItem scenarioId={scenario.id} question={q} answering={answering} />
                    </li>
                  ))}
                </ol>
              )}
            </>
          );
        }}
      </QueryState>
    </Panel>
  );
}

function QuestionItem({
  scenarioId,
  question: q,
  answering,
}: {
  scenarioId: string;
  question: QuestionView;
  answering: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(!q.answer);
  const [form] = Form.useForm<{ answer: string }>();
  const [errors, setErrors] = useState<string[]>([]);
  const answer = useMutation({
    mutationFn: (body: { answer: string }) =>
      api.post<QuestionView>(`/scenarios/${scenarioId}/questions/${q.id}/answer`, body),
    onMutate: () => setErrors([]),
    onSuccess: () => {
      void message.success(q.answer ? t('agency.questions.revised') : t('agency.questions.published'));
      setEditing(false);
      void queryClient.invalidateQueries({ queryKey: agencyKeys.questions(scenarioId) });
    },
    onError: (e) => setErrors(applyApiError(form, e)),
  });
  return (
    <Panel size="small" style={{ background: '#fafafa' }}>
      <Space wrap size="small" style={{ marginBottom: 6 }}>
        <Tag color={q.answer ? 'green' : 'orange'}>
          {q.answer ? t('agency.questions.answeredTag') : t('agency.questions.unansweredTag')}
        </Tag>
        <Typography.Text type="secondary">
          {t('agency.questions.askedAt', { at: formatDateTime(q.askedAt) })}
        </Typography.Text>
      </Space>
      <Typography.Paragraph strong style={{ whiteSpace: 'pre-wrap' }} className="wrap-anywhere">
        {q.question}
      </Typography.Paragraph>
      {q.answer && !editing && (
        <>
          <Alert
            type="success"
            title={t('agency.questions.answerLabel')}
            description={<span style={{ whiteSpace: 'pre-wrap' }}>{q.answer}</span>}
          />
          <Space style={{ marginTop: 8 }} wrap>
            <Typography.Text type="secondary">
              {t('agency.questions.answeredAt', { at: formatDateTime(q.answeredAt) })}
            </Typography.Text>
            {answering && (
              <Button size="small" onClick={() => setEditing(true)}>
                {t('agency.questions.revise')}
              </Button>
            )}
          </Space>
        </>
      )}
      {answering && editing && (
        <>
          <FormErrors messages={errors} />
          <Form
            form={form}
            name={`question-${q.id}`}
            layout="vertical"
            initialValues={{ answer: q.answer ?? '' }}
            onFinish={(v) => answer.mutate(v)}
          >
            <Form.Item
              name="answer"
              label={t('agency.questions.answerField')}
              rules={[
                { required: true, whitespace: true, message: t('agency.rules.answer') },
                { max: 2000, message: t('agency.rules.maxLength', { max: 2000 }) },
              ]}
              extra={t('agency.questions.publicNote')}
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} showCount />
            </Form.Item>
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={answer.isPending}>
                {q.answer ? t('agency.questions.saveRevision') : t('agency.questions.publish')}
              </Button>
              {q.answer && <Button onClick={() => setEditing(false)}>{t('common.action.cancel')}</Button>}
            </Space>
          </Form>
        </>
      )}
    </Panel>
  );
}
