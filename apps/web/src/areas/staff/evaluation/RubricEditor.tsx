import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../../api/form-errors';
import { FormErrors } from '../../../components/QueryState';
import type { RubricCriterion } from '../types';
import {
  checkRubric,
  nextCriterionKey,
  RUBRIC_MAX_CRITERIA,
  RUBRIC_TOTAL_WEIGHT,
  toRubric,
  type CriterionDraft,
  type RubricIssue,
} from './rubric';

export interface RubricSettings {
  criteria: RubricCriterion[];
  blindFirstRound: boolean;
  minReviewersPerProposal: number;
  disagreementThreshold: number;
}

interface FormValues {
  criteria: CriterionDraft[];
  blindFirstRound: boolean;
  minReviewersPerProposal: number;
  disagreementThreshold: number;
}

interface Props {
  initial: {
    criteria: CriterionDraft[];
    blindFirstRound: boolean;
    minReviewersPerProposal: number;
    disagreementThreshold: number;
  };
  /** Saving is allowed (evaluation in setup, or none yet). */
  editable: boolean;
  /** Saves; a rejection carrying an ApiError puts its messages next to the fields. */
  onSave: (settings: RubricSettings) => Promise<unknown>;
  saving?: boolean;
}

/**
 * The rubric editor: criteria rows (key, name, weight, scale, comment required), a live weight total
 * that must be 100, and the panel's settings. Refuses to save (in Chinese by default) while any rule
 * the API checks is broken.
 */
export function RubricEditor({ initial, editable, onSave, saving }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const [errors, setErrors] = useState<string[]>([]);
  const [tried, setTried] = useState(false);
  const watched = Form.useWatch('criteria', form) as CriterionDraft[] | undefined;
  const criteria = watched ?? initial.criteria;
  const check = checkRubric(criteria);
  const issueText = (issue: RubricIssue) =>
    t(`staff.rubric.issue.${issue.code}`, { total: check.total, max: RUBRIC_MAX_CRITERIA });

  const submit = async (values: FormValues) => {
    setTried(true);
    const result = checkRubric(values.criteria ?? []);
    if (!result.ok) {
      // Field-level problems go next to their fields; rubric-level ones above the form.
      form.setFields(
        result.issues
          .filter((i) => i.index !== undefined && i.field)
          .map((i) => ({ name: ['criteria', i.index!, i.field!], errors: [issueText(i)] })),
      );
      setErrors(result.issues.filter((i) => i.index === undefined).map(issueText));
      return;
    }
    setErrors([]);
    try {
      await onSave({
        criteria: toRubric(values.criteria),
        blindFirstRound: !!values.blindFirstRound,
        minReviewersPerProposal: values.minReviewersPerProposal,
        disagreementThreshold: values.disagreementThreshold,
      });
    } catch (error) {
      setErrors(applyApiError(form, error));
    }
  };

  const totalId = 'rubric-weight-total';
  /** Each row's controls are named with their criterion number ("评分项 2 权重"): the visible labels repeat. */
  const rowLabel = (i: number, field: 'key' | 'name' | 'weight' | 'scaleMax' | 'commentRequired') =>
    `${t('staff.rubric.criterionN', { n: i + 1 })} ${t(`staff.rubric.${field}`)}`;
  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={submit}
      disabled={!editable}
      aria-describedby={totalId}
    >
      <FormErrors messages={errors} />
      <Typography.Paragraph type="secondary">{t('staff.rubric.keyHint')}</Typography.Paragraph>
      <Form.List name="criteria">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Card
                key={field.key}
                size="small"
                style={{ marginBottom: 8 }}
                styles={{ body: { paddingBottom: 0 } }}
                title={t('staff.rubric.criterionN', { n: i + 1 })}
                extra={
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('staff.rubric.removeN', { n: i + 1 })}
                    onClick={() => remove(field.name)}
                    disabled={!editable || fields.length <= 1}
                  />
                }
              >
                <Row gutter={12} align="bottom">
                  <Col xs={24} sm={12} md={6}>
                    <Form.Item
                      label={t('staff.rubric.key')}
                      name={[field.name, 'key']}
                      rules={[{ required: true, message: t('staff.rubric.issue.key_format') }]}
                    >
                      <Input autoComplete="off" spellCheck={false} aria-label={rowLabel(i, 'key')} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} md={8}>
                    <Form.Item
                      label={t('staff.rubric.name')}
                      name={[field.name, 'name']}
                      rules={[{ required: true, whitespace: true, message: t('staff.rubric.issue.name_required') }]}
                    >
                      <Input maxLength={100} aria-label={rowLabel(i, 'name')} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={6} md={3}>
                    <Form.Item label={t('staff.rubric.weight')} name={[field.name, 'weight']}>
                      <InputNumber
                        min={1}
                        max={100}
                        precision={0}
                        style={{ width: '100%' }}
                        aria-label={rowLabel(i, 'weight')}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={6} md={3}>
                    <Form.Item label={t('staff.rubric.scaleMax')} name={[field.name, 'scaleMax']}>
                      <InputNumber
                        min={1}
                        max={100}
                        precision={0}
                        style={{ width: '100%' }}
                        aria-label={rowLabel(i, 'scaleMax')}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} md={4}>
                    <Form.Item name={[field.name, 'commentRequired']} valuePropName="checked">
                      <Checkbox aria-label={rowLabel(i, 'commentRequired')}>
                        {t('staff.rubric.commentRequired')}
                      </Checkbox>
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() =>
                add({
                  key: nextCriterionKey(form.getFieldValue('criteria') ?? []),
                  name: '',
                  weight: null,
                  scaleMax: 10,
                  commentRequired: false,
                })
              }
              disabled={!editable || fields.length >= RUBRIC_MAX_CRITERIA}
            >
              {t('staff.rubric.add')}
            </Button>
          </>
        )}
      </Form.List>
      <div id={totalId} aria-live="polite" style={{ marginBlock: 12 }}>
        {check.totalOk ? (
          <Typography.Text strong style={{ color: '#237804' }}>
            {t('staff.rubric.total', { total: check.total, target: RUBRIC_TOTAL_WEIGHT })}
          </Typography.Text>
        ) : (
          <Alert
            type={tried ? 'error' : 'warning'}
            showIcon
            title={t('staff.rubric.total', { total: check.total, target: RUBRIC_TOTAL_WEIGHT })}
            description={t('staff.rubric.issue.total', { total: check.total })}
          />
        )}
      </div>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('staff.rubric.settings')}
      </Typography.Title>
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item
            label={t('staff.rubric.blindFirstRound')}
            name="blindFirstRound"
            valuePropName="checked"
            extra={t('staff.rubric.blindHint')}
          >
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item
            label={t('staff.rubric.minReviewers')}
            name="minReviewersPerProposal"
            rules={[{ required: true, message: t('staff.rubric.required') }]}
          >
            <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item
            label={t('staff.rubric.threshold')}
            name="disagreementThreshold"
            rules={[{ required: true, message: t('staff.rubric.required') }]}
            extra={t('staff.rubric.thresholdHint')}
          >
            <InputNumber min={0} max={100} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      {editable && (
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('staff.rubric.save')}
          </Button>
        </Space>
      )}
    </Form>
  );
}
