import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Radio, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { applyApiError } from '../../api/form-errors';
import { FormErrors } from '../../components/QueryState';
import { reviewerKeys } from './api';
import { TAG } from './panels';
import { declarationPayload, newConflicts, type DeclarationFormValues } from './declarations';
import type { Conflicts, EvaluationStatus } from './types';

const NOTE_MAX = 1000;

/**
 * The conflict-of-interest declaration: for every vendor organisation taking part, no conflict or a
 * conflict (with an optional note). A declared conflict is final: it is confirmed before it is sent and
 * shown locked afterwards.
 */
export function ConflictDeclaration({
  evaluationId,
  status,
  conflicts,
}: {
  evaluationId: string;
  status: EvaluationStatus;
  conflicts: Conflicts;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // The hook's dialogs render inside this area's theme (App.useApp's would take the app's).
  const [modal, modalHolder] = Modal.useModal();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DeclarationFormValues>();
  const [errors, setErrors] = useState<string[]>([]);
  const [editing, setEditing] = useState(!conflicts.complete);
  const open = status === 'setup' || status === 'scoring';
  const chosen = Form.useWatch('declarations', form) as DeclarationFormValues['declarations'] | undefined;
  const { vendors } = conflicts;
  const done = vendors.filter((v) => v.declared).length;

  const declare = useMutation({
    mutationFn: (values: DeclarationFormValues) =>
      api.put<Conflicts>(`/evaluations/${evaluationId}/conflicts`, declarationPayload(vendors, values)),
    onSuccess: (data) => {
      queryClient.setQueryData(reviewerKeys.conflicts(evaluationId), data);
      void message.success(t('reviewer.conflicts.saved'));
      setEditing(!data.complete);
      return queryClient.invalidateQueries({ queryKey: reviewerKeys.all });
    },
    onError: (error) => setErrors(applyApiError(form, error)),
  });

  const onFinish = (values: DeclarationFormValues) => {
    setErrors([]);
    const added = newConflicts(vendors, values);
    if (!added.length) {
      declare.mutate(values);
      return;
    }
    modal.confirm({
      title: t('reviewer.conflicts.confirmTitle'),
      content: t('reviewer.conflicts.confirmBody', {
        names: added.map((v) => v.name).join(t('reviewer.listSeparator')),
      }),
      okText: t('reviewer.conflicts.confirmOk'),
      okButtonProps: { danger: true },
      cancelText: t('common.action.cancel'),
      onOk: () => declare.mutateAsync(values).catch(() => undefined),
    });
  };

  const summary = (
    <Flex vertical gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {vendors.map((v) => (
        <li key={v.organisationId}>
          <Flex gap={8} wrap align="center">
            <span>{v.name}</span>
            {v.conflicted ? (
              <Tag color={TAG.red}>{t('reviewer.conflicts.final')}</Tag>
            ) : v.declared ? (
              <Tag color={TAG.green}>{t('reviewer.conflicts.none')}</Tag>
            ) : (
              <Tag>{t('reviewer.home.next.declare')}</Tag>
            )}
            {v.note && <Typography.Text type="secondary">{v.note}</Typography.Text>}
          </Flex>
        </li>
      ))}
    </Flex>
  );

  if (!vendors.length) return <Typography.Paragraph>{t('reviewer.conflicts.empty')}</Typography.Paragraph>;

  if (!open || !editing) {
    return (
      <>
        {conflicts.complete ? (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('reviewer.conflicts.complete', { count: vendors.length })}
          />
        ) : (
          <Typography.Paragraph>
            {t('reviewer.conflicts.progress', { done, total: vendors.length })}
          </Typography.Paragraph>
        )}
        {!open && <Typography.Paragraph type="secondary">{t('reviewer.conflicts.locked')}</Typography.Paragraph>}
        {summary}
        {open && (
          <Button style={{ marginTop: 12 }} onClick={() => setEditing(true)}>
            {t('reviewer.conflicts.update')}
          </Button>
        )}
      </>
    );
  }

  return (
    <Form<DeclarationFormValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={{
        declarations: vendors.map((v) => ({ conflicted: v.declared ? !!v.conflicted : undefined, note: v.note ?? '' })),
      }}
      scrollToFirstError={{ block: 'center' }}
    >
      {modalHolder}
      <Typography.Paragraph>{t('reviewer.conflicts.intro')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {t('reviewer.conflicts.progress', { done, total: vendors.length })}
      </Typography.Paragraph>
      <FormErrors messages={errors} />
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t('reviewer.conflicts.listLabel')}
      </Typography.Title>
      <Flex vertical gap={8} component="ul" style={{ listStyle: 'none', margin: '0 0 16px', padding: 0 }}>
        {vendors.map((v, i) => {
          const locked = v.conflicted === true;
          const conflicted = locked || chosen?.[i]?.conflicted === true;
          return (
            <li key={v.organisationId}>
              <Card size="small">
                <Form.Item
                  label={<span style={{ fontWeight: 600 }}>{v.name}</span>}
                  name={['declarations', i, 'conflicted']}
                  rules={[{ required: true, message: t('reviewer.conflicts.choiceRequired') }]}
                  style={{ marginBottom: conflicted ? 8 : 0 }}
                >
                  <Radio.Group disabled={locked} aria-label={t('reviewer.conflicts.choice', { name: v.name })}>
                    <Radio value={false}>{t('reviewer.conflicts.none')}</Radio>
                    <Radio value={true}>{t('reviewer.conflicts.conflicted')}</Radio>
                  </Radio.Group>
                </Form.Item>
                {locked && <Tag color={TAG.red}>{t('reviewer.conflicts.final')}</Tag>}
                {conflicted && (
                  <Form.Item
                    label={t('reviewer.conflicts.note')}
                    name={['declarations', i, 'note']}
                    style={{ marginBottom: 0, marginTop: locked ? 8 : 0 }}
                  >
                    <Input.TextArea
                      aria-label={`${t('reviewer.conflicts.note')} — ${v.name}`}
                      autoSize={{ minRows: 1, maxRows: 4 }}
                      maxLength={NOTE_MAX}
                      placeholder={t('reviewer.conflicts.notePlaceholder')}
                    />
                  </Form.Item>
                )}
              </Card>
            </li>
          );
        })}
      </Flex>
      <Flex gap={8} wrap>
        <Button type="primary" htmlType="submit" loading={declare.isPending}>
          {t(conflicts.complete ? 'reviewer.conflicts.update' : 'reviewer.conflicts.submit')}
        </Button>
        {conflicts.complete && <Button onClick={() => setEditing(false)}>{t('common.action.cancel')}</Button>}
      </Flex>
    </Form>
  );
}
