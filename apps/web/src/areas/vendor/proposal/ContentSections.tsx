import type { ReactNode } from 'react';
import { Button, Card, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../components/format';
import { checkPaymentPercents, checkPriceBreakdown } from '../lib/price';
import type { ProposalFormValues } from '../lib/proposalMapping';
import type { ScenarioKpi } from '../types';
import { ListErrors } from '../components/ListErrors';

const money = {
  formatter: (v: number | string | undefined) =>
    v === undefined || v === '' ? '' : `${v}`.replace(/\B(?=(\d{3})+(?!\d))/g, ','),
  parser: (v: string | undefined) => (v ? Number(v.replace(/[^\d]/g, '')) : (undefined as unknown as number)),
};

/** A titled card of the proposal form (h2), with an anchor id. */
export function Section({
  id,
  title,
  children,
  extra,
}: {
  id: string;
  title: string;
  children: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <Card style={{ marginBottom: 16 }} id={id}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {children}
    </Card>
  );
}

function RemoveRow({ n, onClick, disabled }: { n: number; onClick: () => void; disabled: boolean }) {
  const { t } = useTranslation();
  if (disabled) return null;
  return (
    <Button
      type="text"
      danger
      icon={<DeleteOutlined aria-hidden />}
      aria-label={t('vendor.proposal.removeRow', { n })}
      title={t('vendor.proposal.removeRow', { n })}
      onClick={onClick}
    />
  );
}

function AddRow({ label, onClick, disabled }: { label: string; onClick: () => void; disabled: boolean }) {
  if (disabled) return null;
  return (
    <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={onClick} block>
      {label}
    </Button>
  );
}

/** Dark orange: readable on white (antd's warning text is not, 1.9:1). */
const WARNING_TEXT = '#ad4e00';

const rowStyle = { borderBottom: '1px solid #f0f0f0', paddingBottom: 8, marginBottom: 12 } as const;

export function ApproachSection({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  return (
    <Section id="proposal-approach" title={t('vendor.proposal.sections.approach')}>
      <Form.Item label={t('vendor.proposal.technicalApproach')} name="technicalApproach">
        <Input.TextArea rows={10} maxLength={50_000} showCount={editable} />
      </Form.Item>
    </Section>
  );
}

export function KpiSection({ kpis, editable }: { kpis: ScenarioKpi[]; editable: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<ProposalFormValues>();
  return (
    <Section id="proposal-kpis" title={t('vendor.proposal.sections.kpis')}>
      <Typography.Paragraph type="secondary">
        {kpis.length ? t('vendor.proposal.kpiIntro') : t('vendor.proposal.noKpis')}
      </Typography.Paragraph>
      <Form.List name="kpiResponses">
        {(fields, { remove }, { errors }) => (
          <>
            {fields.map((field, index) => {
              const metric = String(form.getFieldValue(['kpiResponses', field.name, 'metric']) ?? '');
              const kpi = kpis.find((k) => k.metric.trim() === metric.trim()) ?? null;
              return (
                <div key={field.key} style={rowStyle} data-testid={`kpi-${index}`}>
                  <Flex justify="space-between" align="start" gap={8}>
                    <Typography.Title level={3} style={{ fontSize: 15, margin: '0 0 4px' }} className="wrap-anywhere">
                      {metric}
                    </Typography.Title>
                    {!kpi && <RemoveRow n={index + 1} onClick={() => remove(field.name)} disabled={!editable} />}
                  </Flex>
                  <Typography.Paragraph
                    type={kpi ? 'secondary' : undefined}
                    style={{ marginBottom: 8, color: kpi ? undefined : WARNING_TEXT }}
                  >
                    {kpi
                      ? t('vendor.proposal.kpiTarget', { baseline: kpi.baseline, target: kpi.target, unit: kpi.unit })
                      : t('vendor.proposal.kpiOrphan')}
                  </Typography.Paragraph>
                  <Form.Item label={t('vendor.proposal.kpiMetric')} name={[field.name, 'metric']} hidden={!!kpi}>
                    <Input readOnly />
                  </Form.Item>
                  <Row gutter={12}>
                    <Col xs={24} md={16}>
                      <Form.Item label={t('vendor.proposal.kpiApproach')} name={[field.name, 'approach']}>
                        <Input.TextArea rows={2} maxLength={5000} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item label={t('vendor.proposal.kpiCommitted')} name={[field.name, 'committedValue']}>
                        <Input maxLength={200} suffix={kpi?.unit || undefined} />
                      </Form.Item>
                    </Col>
                  </Row>
                </div>
              );
            })}
            <ListErrors errors={errors} />
          </>
        )}
      </Form.List>
    </Section>
  );
}

export function TeamSection({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  return (
    <Section id="proposal-team" title={t('vendor.proposal.sections.team')}>
      <Form.List name="team">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <div key={field.key} style={rowStyle}>
                <Flex justify="end">
                  <RemoveRow n={index + 1} onClick={() => remove(field.name)} disabled={!editable} />
                </Flex>
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item label={t('vendor.proposal.memberName')} name={[field.name, 'name']}>
                      <Input maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item label={t('vendor.proposal.memberRole')} name={[field.name, 'role']}>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item label={t('vendor.proposal.memberQualifications')} name={[field.name, 'qualifications']}>
                      <Input.TextArea rows={2} maxLength={2000} />
                    </Form.Item>
                  </Col>
                </Row>
              </div>
            ))}
            <ListErrors errors={errors} />
            <AddRow
              label={t('vendor.proposal.addMember')}
              onClick={() => add({ name: '', role: '', qualifications: '' })}
              disabled={!editable}
            />
          </>
        )}
      </Form.List>
    </Section>
  );
}

/** The price, its breakdown rows and their running sum against the price. */
export function PriceSection({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<ProposalFormValues>();
  const price = Form.useWatch('priceYuan', form);
  const rows = Form.useWatch('priceBreakdown', form);
  const check = checkPriceBreakdown(rows, price);
  /** Nothing entered yet: no reason for red. */
  const neutral = check.price === null && !(rows ?? []).length;
  const diffText =
    check.price === null
      ? t('vendor.proposal.breakdownNoPrice')
      : check.matches
        ? t('vendor.proposal.breakdownMatches')
        : check.difference !== null && check.difference < 0
          ? t('vendor.proposal.breakdownOver', { diff: formatYuan(-check.difference) })
          : t('vendor.proposal.breakdownDiff', { diff: formatYuan(check.difference ?? 0) });
  return (
    <Section id="proposal-price" title={t('vendor.proposal.sections.price')}>
      <Form.Item label={t('vendor.proposal.priceYuan')} name="priceYuan">
        <InputNumber<number> min={0} precision={0} style={{ width: '100%', maxWidth: 280 }} {...money} />
      </Form.Item>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t('vendor.proposal.breakdown')}
      </Typography.Title>
      <Form.List name="priceBreakdown">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <Row key={field.key} gutter={12} align="bottom" wrap={false}>
                <Col flex="auto" style={{ minWidth: 0 }}>
                  <Row gutter={12}>
                    <Col xs={24} sm={14}>
                      <Form.Item label={t('vendor.proposal.breakdownItem')} name={[field.name, 'item']}>
                        <Input maxLength={200} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={10}>
                      <Form.Item label={t('vendor.proposal.breakdownAmount')} name={[field.name, 'amountYuan']}>
                        <InputNumber<number> min={0} precision={0} style={{ width: '100%' }} {...money} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Col>
                {editable && (
                  <Col flex="none" style={{ paddingBottom: 24 }}>
                    <RemoveRow n={index + 1} onClick={() => remove(field.name)} disabled={!editable} />
                  </Col>
                )}
              </Row>
            ))}
            <div
              role="status"
              aria-live="polite"
              data-testid="price-sum"
              data-matches={check.matches ? 'true' : 'false'}
              style={{
                padding: '8px 12px',
                marginBottom: 12,
                borderRadius: 6,
                background: neutral ? '#fafafa' : check.matches ? '#f6ffed' : '#fff2f0',
                border: `1px solid ${neutral ? '#f0f0f0' : check.matches ? '#b7eb8f' : '#ffccc7'}`,
              }}
            >
              <div>
                {t('vendor.proposal.breakdownSum', {
                  sum: formatYuan(check.sum),
                  price: check.price === null ? '—' : formatYuan(check.price),
                })}
              </div>
              <strong style={{ color: neutral ? undefined : check.matches ? '#237804' : '#a8071a' }}>{diffText}</strong>
              {check.missing > 0 && (
                <div style={{ color: '#a8071a' }}>
                  {t('vendor.proposal.breakdownMissing', { count: check.missing })}
                </div>
              )}
            </div>
            <ListErrors errors={errors} />
            <AddRow
              label={t('vendor.proposal.addBreakdown')}
              onClick={() =>
                add({ item: '', amountYuan: check.difference && check.difference > 0 ? check.difference : undefined })
              }
              disabled={!editable}
            />
          </>
        )}
      </Form.List>
    </Section>
  );
}

export function MilestonesSection({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<ProposalFormValues>();
  const rows = Form.useWatch('milestones', form);
  const percents = checkPaymentPercents(rows);
  return (
    <Section id="proposal-milestones" title={t('vendor.proposal.sections.milestones')}>
      <Form.List name="milestones">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <div key={field.key} style={rowStyle}>
                <Flex justify="space-between" align="center">
                  <Typography.Text strong>#{index + 1}</Typography.Text>
                  <RemoveRow n={index + 1} onClick={() => remove(field.name)} disabled={!editable} />
                </Flex>
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item label={t('vendor.proposal.milestoneTitle')} name={[field.name, 'title']}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item label={t('vendor.proposal.milestoneDue')} name={[field.name, 'dueDate']}>
                      <DatePicker
                        style={{ width: '100%' }}
                        disabledDate={(d) => d.isBefore(dayjs().add(1, 'day'), 'day')}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item label={t('vendor.proposal.milestonePercent')} name={[field.name, 'paymentPercent']}>
                      <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item label={t('vendor.proposal.milestoneDeliverables')} name={[field.name, 'deliverables']}>
                      <Input.TextArea rows={2} maxLength={2000} />
                    </Form.Item>
                  </Col>
                </Row>
              </div>
            ))}
            {percents.given > 0 && (
              <Typography.Paragraph
                role="status"
                data-testid="percent-sum"
                style={{ color: percents.ok ? '#237804' : '#a8071a' }}
              >
                {percents.ok ? t('vendor.proposal.percentOk') : t('vendor.proposal.percentBad', { sum: percents.sum })}
              </Typography.Paragraph>
            )}
            <ListErrors errors={errors} />
            <AddRow
              label={t('vendor.proposal.addMilestone')}
              onClick={() => add({ title: '', dueDate: null, deliverables: '' })}
              disabled={!editable}
            />
          </>
        )}
      </Form.List>
    </Section>
  );
}

export function ReferencesSection({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  return (
    <Section id="proposal-references" title={t('vendor.proposal.sections.references')}>
      <Form.List name="references">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <Row key={field.key} gutter={12} align="bottom" wrap={false}>
                <Col flex="auto" style={{ minWidth: 0 }}>
                  <Row gutter={12}>
                    <Col xs={24} sm={9}>
                      <Form.Item label={t('vendor.proposal.referenceClient')} name={[field.name, 'client']}>
                        <Input maxLength={200} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={9}>
                      <Form.Item label={t('vendor.proposal.referenceProject')} name={[field.name, 'project']}>
                        <Input maxLength={200} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={6}>
                      <Form.Item label={t('vendor.proposal.referenceYear')} name={[field.name, 'year']}>
                        <InputNumber min={1980} max={2100} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Col>
                {editable && (
                  <Col flex="none" style={{ paddingBottom: 24 }}>
                    <RemoveRow n={index + 1} onClick={() => remove(field.name)} disabled={!editable} />
                  </Col>
                )}
              </Row>
            ))}
            <ListErrors errors={errors} />
            <AddRow
              label={t('vendor.proposal.addReference')}
              onClick={() => add({ client: '', project: '', year: dayjs().year() })}
              disabled={!editable}
            />
          </>
        )}
      </Form.List>
    </Section>
  );
}

export function TrialPlanSection({ required }: { required: boolean }) {
  const { t } = useTranslation();
  return (
    <Section id="proposal-trial" title={t('vendor.proposal.sections.trialPlan')}>
      {required && (
        <Typography.Paragraph style={{ color: WARNING_TEXT }}>
          {t('vendor.proposal.trialPlanRequired')}
        </Typography.Paragraph>
      )}
      <Form.Item label={t('vendor.proposal.trialPlan')} name="trialPlan" required={required}>
        <Input.TextArea rows={4} maxLength={10_000} />
      </Form.Item>
    </Section>
  );
}
