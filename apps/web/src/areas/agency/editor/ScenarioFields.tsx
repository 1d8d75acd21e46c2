import { Fragment, useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { options } from '../../../components/taxonomy';
import { formatYuan } from '../../../components/format';
import {
  DATA_SECURITY_LEVELS,
  FUNDING_TYPES,
  PRIVATE_FIELD_NAMES,
  SCENARIO_SITES,
  type ScenarioDtoField,
} from '../types';
import { MAX_LENGTH, scenarioRules } from './rules';
import { SanitisedHtml } from '../components/Markdown';
import { vettingHints, type VettingHint } from './hints';
import type { ScenarioFormValues } from './formMapping';

/** The yes/no questions of the compliance step, in the order shown. */
const COMPLIANCE_SWITCHES = ['personalInformation', 'algorithmFiling', 'generativeAiFiling'] as const;

type NamePath = (string | number)[];

interface Props {
  /** The fields to show, in this order. */
  fields: readonly ScenarioDtoField[];
  /** Where the scenario's fields sit in the form (`['changes']` in the amendment form). */
  prefix?: NamePath;
  /** A fixed domain (amendments cannot change it); otherwise the form's domain field is watched. */
  domain?: string;
  /** The last saved description rendered by the API, for the preview. */
  descriptionHtml?: string | null;
  /** Comments from vetting per field (shown under the field). */
  comments?: Record<string, string> | null;
}

/**
 * The inputs for some of a scenario's fields, named exactly like the API's JSON (`kpis.0.target` is
 * `['kpis', 0, 'target']`) so `applyApiError` puts the API's messages next to them. Used by every step
 * of the editor and by the amendment form.
 */
export function ScenarioFields({ fields, prefix = [], domain: fixedDomain, descriptionHtml, comments }: Props) {
  const { t, i18n } = useTranslation();
  const rules = useMemo(() => scenarioRules(t), [t]);
  const form = Form.useFormInstance();
  const n = (...path: NamePath): NamePath => [...prefix, ...path];
  const watchedDomain = Form.useWatch(n('domain'), form) as string | undefined;
  const domain = fixedDomain ?? watchedDomain;
  const budgetMin = Form.useWatch(n('budgetMinYuan'), form) as number | null | undefined;
  const budgetMax = Form.useWatch(n('budgetMaxYuan'), form) as number | null | undefined;
  const [preview, setPreview] = useState(false);
  const lang = i18n.language;
  // Labels follow the language (options() reads it), so the language is a dependency too.
  const sectorOptions = useMemo(() => (domain && lang ? options('sectors', domain) : []), [domain, lang]);
  const L = (key: string) => t(`agency.fields.${key}`);
  const H = (key: string) => t(`agency.help.${key}`, { defaultValue: '' }) || undefined;
  const comment = (field: string): ReactNode =>
    comments?.[field] ? (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('agency.editor.vettingComment')}
        description={comments[field]}
      />
    ) : null;
  const yuanHint = (v: number | null | undefined) =>
    v !== null && v !== undefined && v >= 10_000 ? `= ${formatYuan(v)}` : undefined;

  const render = (field: ScenarioDtoField): ReactNode => {
    switch (field) {
      case 'title':
        return (
          <Form.Item name={n('title')} label={L('title')} rules={rules.title} extra={H('title')}>
            <Input maxLength={MAX_LENGTH.title} showCount />
          </Form.Item>
        );
      case 'titleEn':
        return (
          <Form.Item name={n('titleEn')} label={L('titleEn')} rules={rules.titleEn}>
            <Input maxLength={MAX_LENGTH.titleEn} lang="en" />
          </Form.Item>
        );
      case 'domain':
        return (
          <Form.Item name={n('domain')} label={L('domain')} rules={rules.domain}>
            <Select
              options={options('domains')}
              placeholder={t('agency.placeholder.select')}
              onChange={() => form.setFieldValue(n('sector'), undefined)}
            />
          </Form.Item>
        );
      case 'sector':
        return (
          <Form.Item
            name={n('sector')}
            label={L('sector')}
            rules={rules.sector}
            extra={domain ? undefined : H('sector')}
          >
            <Select
              options={sectorOptions}
              disabled={!domain}
              allowClear
              placeholder={t('agency.placeholder.select')}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        );
      case 'capabilityCodes':
        return (
          <Form.Item
            name={n('capabilityCodes')}
            label={L('capabilityCodes')}
            rules={rules.capabilityCodes}
            extra={H('capabilityCodes')}
          >
            <Select
              mode="multiple"
              options={options('capabilities')}
              placeholder={t('agency.placeholder.select')}
              showSearch={{ optionFilterProp: 'label' }}
              maxCount={MAX_LENGTH.capabilities}
            />
          </Form.Item>
        );
      case 'district':
        return (
          <Form.Item name={n('district')} label={L('district')} rules={rules.district}>
            <Select options={options('districts')} allowClear placeholder={t('agency.placeholder.select')} />
          </Form.Item>
        );
      case 'summary':
        return (
          <Form.Item
            name={n('summary')}
            label={L('summary')}
            rules={rules.summary}
            extra={<Counted name={n('summary')} help={H('summary')} max={MAX_LENGTH.summary} />}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={MAX_LENGTH.summary} />
          </Form.Item>
        );
      case 'summaryEn':
        return (
          <Form.Item name={n('summaryEn')} label={L('summaryEn')} rules={rules.summaryEn}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={MAX_LENGTH.summaryEn} lang="en" />
          </Form.Item>
        );
      case 'description':
        return (
          <>
            <Form.Item
              name={n('description')}
              label={L('description')}
              rules={rules.description}
              extra={<Counted name={n('description')} help={H('description')} max={MAX_LENGTH.description} />}
            >
              <Input.TextArea
                autoSize={{ minRows: 8, maxRows: 24 }}
                maxLength={MAX_LENGTH.description}
                style={{ fontFamily: 'monospace' }}
              />
            </Form.Item>
            {descriptionHtml !== undefined && (
              <>
                <Button onClick={() => setPreview(true)} style={{ marginBottom: 24 }} disabled={!descriptionHtml}>
                  {t('agency.editor.preview')}
                </Button>
                <Modal
                  open={preview}
                  title={t('agency.editor.previewTitle')}
                  onCancel={() => setPreview(false)}
                  footer={null}
                  width={{ xs: '95%', md: 800 }}
                >
                  <SanitisedHtml html={descriptionHtml ?? ''} />
                </Modal>
              </>
            )}
          </>
        );
      case 'currentSituation':
        return (
          <Form.Item
            name={n('currentSituation')}
            label={L('currentSituation')}
            rules={rules.currentSituation}
            extra={
              <Counted name={n('currentSituation')} help={H('currentSituation')} max={MAX_LENGTH.currentSituation} />
            }
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={MAX_LENGTH.currentSituation} />
          </Form.Item>
        );
      case 'site':
        return (
          <Form.Item name={n('site')} label={L('site')} rules={rules.site}>
            <Select
              allowClear
              placeholder={t('agency.placeholder.select')}
              options={SCENARIO_SITES.map((s) => ({ value: s, label: t(`agency.options.site.${s}`) }))}
            />
          </Form.Item>
        );
      case 'kpis':
        return <KpiList name={n('kpis')} />;
      case 'trlRequired':
        return (
          <Form.Item
            name={n('trlRequired')}
            label={L('trlRequired')}
            rules={rules.trlRequired}
            extra={H('trlRequired')}
          >
            <Select
              allowClear
              placeholder={t('agency.placeholder.select')}
              options={[1, 2, 3, 4, 5, 6, 7, 8, 9].map((level) => ({
                value: level,
                label: t('agency.options.trl', { level }),
              }))}
            />
          </Form.Item>
        );
      case 'dataResources':
        return <DataResourceList name={n('dataResources')} />;
      case 'compliance':
        return (
          <Fieldset legend={L('compliance')}>
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item
                  name={n('compliance', 'dataSecurityLevel')}
                  label={L('dataSecurityLevel')}
                  rules={rules.dataSecurityLevel}
                >
                  <Select
                    placeholder={t('agency.placeholder.select')}
                    options={DATA_SECURITY_LEVELS.map((s) => ({
                      value: s,
                      label: t(`agency.options.dataSecurityLevel.${s}`),
                    }))}
                  />
                </Form.Item>
              </Col>
              {COMPLIANCE_SWITCHES.map((field) => (
                <Col xs={24} sm={12} key={field}>
                  <Form.Item name={n('compliance', field)} label={L(field)} valuePropName="checked">
                    <Switch checkedChildren={t('agency.yes')} unCheckedChildren={t('agency.no')} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
            <Hints prefix={prefix} only={['generativeNeedsFiling', 'personalInfoLevel']} />
          </Fieldset>
        );
      case 'budgetMinYuan':
        return (
          <Form.Item
            name={n('budgetMinYuan')}
            label={L('budgetMinYuan')}
            rules={rules.budgetMinYuan}
            extra={yuanHint(budgetMin)}
          >
            <YuanInput />
          </Form.Item>
        );
      case 'budgetMaxYuan':
        return (
          <>
            <Form.Item
              name={n('budgetMaxYuan')}
              label={L('budgetMaxYuan')}
              rules={rules.budgetMaxYuan(n('budgetMinYuan'))}
              dependencies={[n('budgetMinYuan')]}
              extra={yuanHint(budgetMax)}
            >
              <YuanInput />
            </Form.Item>
            <Hints prefix={prefix} only={['budgetAboveCeiling', 'budgetRangeWide']} />
          </>
        );
      case 'fundingType':
        return (
          <Form.Item name={n('fundingType')} label={L('fundingType')} rules={rules.fundingType}>
            <Select
              allowClear
              placeholder={t('agency.placeholder.select')}
              options={FUNDING_TYPES.map((s) => ({ value: s, label: t(`agency.options.fundingType.${s}`) }))}
            />
          </Form.Item>
        );
      case 'proposalDeadline':
        return (
          <Form.Item
            name={n('proposalDeadline')}
            label={L('proposalDeadline')}
            rules={rules.proposalDeadline}
            extra={H('proposalDeadline')}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%', maxWidth: 320 }}
              disabledDate={(d) => d.isBefore(dayjs(), 'day')}
              placeholder={t('agency.placeholder.dateTime')}
            />
          </Form.Item>
        );
      case 'expectedDeliveryMonths':
        return (
          <Form.Item
            name={n('expectedDeliveryMonths')}
            label={L('expectedDeliveryMonths')}
            rules={rules.expectedDeliveryMonths}
          >
            <InputNumber
              min={1}
              max={120}
              precision={0}
              suffix={t('agency.unit.months')}
              style={{ width: '100%', maxWidth: 200 }}
            />
          </Form.Item>
        );
      case 'contact':
        return (
          <Fieldset legend={L('contact')}>
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item name={n('contact', 'name')} label={L('contactName')} rules={rules.contactName}>
                  <Input maxLength={MAX_LENGTH.contactName} autoComplete="name" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name={n('contact', 'phone')} label={L('contactPhone')} rules={rules.contactPhone}>
                  <Input maxLength={20} autoComplete="tel" inputMode="tel" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name={n('contact', 'email')} label={L('contactEmail')} rules={rules.contactEmail}>
                  <Input maxLength={MAX_LENGTH.contactEmail} autoComplete="email" inputMode="email" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name={n('contact', 'public')}
                  label={L('contactPublic')}
                  valuePropName="checked"
                  extra={H('contactPublic')}
                >
                  <Switch checkedChildren={t('agency.yes')} unCheckedChildren={t('agency.no')} />
                </Form.Item>
              </Col>
            </Row>
          </Fieldset>
        );
      case 'privateFields':
        return (
          <Form.Item name={n('privateFields')} label={L('privateFields')} extra={H('privateFields')}>
            <Checkbox.Group
              options={PRIVATE_FIELD_NAMES.map((p) => ({ value: p, label: t(`agency.options.privateFields.${p}`) }))}
            />
          </Form.Item>
        );
      default:
        return null;
    }
  };

  return (
    <>
      {fields.map((field) => (
        <Fragment key={field}>
          {comment(field)}
          {render(field)}
        </Fragment>
      ))}
    </>
  );
}

/** A field's help text with a character count beside it (wrapping below it on narrow screens). */
function Counted({ name, help, max }: { name: NamePath; help?: string; max: number }) {
  const value = Form.useWatch(name, { preserve: true }) as string | undefined;
  return (
    <Flex justify="space-between" gap={8} wrap>
      <span>{help}</span>
      <span style={{ marginInlineStart: 'auto' }}>
        {(value ?? '').length} / {max}
      </span>
    </Flex>
  );
}

/** A group of related inputs with a visible caption (a fieldset, so screen readers announce it). */
export function Fieldset({ legend, children }: { legend: ReactNode; children: ReactNode }) {
  return (
    <fieldset
      style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '8px 16px 0', margin: '0 0 24px', minWidth: 0 }}
    >
      <legend style={{ fontSize: 15, fontWeight: 600, width: 'auto', padding: '0 6px', margin: 0, border: 0 }}>
        {legend}
      </legend>
      {children}
    </fieldset>
  );
}

function YuanInput(props: { value?: number | null; onChange?: (v: number | null) => void; id?: string }) {
  const { t } = useTranslation();
  return (
    <InputNumber<number>
      {...props}
      min={0}
      precision={0}
      step={10_000}
      style={{ width: '100%', maxWidth: 280 }}
      suffix={t('common.yuan')}
      formatter={(v) =>
        v === undefined || v === null || `${v}` === '' ? '' : `${v}`.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
      }
      parser={(v) => (v ? Number(v.replace(/[,\s]/g, '')) : (null as unknown as number))}
    />
  );
}

/** Vetting hints (warnings) for the values in the form. */
function Hints({ prefix, only }: { prefix: NamePath; only: VettingHint[] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const values = (Form.useWatch(
    (all: Record<string, unknown>) => prefix.reduce<unknown>((v, key) => (v as Record<string, unknown>)?.[key], all),
    { form, preserve: true },
  ) ?? {}) as ScenarioFormValues;
  const hints = vettingHints(values).filter((h) => only.includes(h));
  if (!hints.length) return null;
  return (
    <>
      {hints.map((h) => (
        <Alert key={h} type="warning" showIcon style={{ marginBottom: 16 }} title={t(`agency.hints.${h}`)} />
      ))}
    </>
  );
}

function KpiList({ name }: { name: NamePath }) {
  const { t } = useTranslation();
  const rules = useMemo(() => scenarioRules(t), [t]);
  const L = (key: string) => t(`agency.fields.${key}`);
  return (
    <Fieldset legend={L('kpis')}>
      <Typography.Paragraph type="secondary">{t('agency.help.kpis')}</Typography.Paragraph>
      <Form.List name={name} rules={rules.kpis}>
        {(rows, { add, remove }, { errors }) => (
          <>
            {rows.map((row, index) => (
              <Card
                key={row.key}
                size="small"
                style={{ marginBottom: 12 }}
                title={t('agency.editor.kpiNo', { no: index + 1 })}
                extra={
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('agency.editor.removeKpi', { no: index + 1 })}
                    onClick={() => remove(row.name)}
                  />
                }
              >
                <Row gutter={12}>
                  <Col xs={24} md={8}>
                    <Form.Item name={[row.name, 'metric']} label={L('kpiMetric')} rules={rules.kpiMetric}>
                      <Input maxLength={MAX_LENGTH.kpiText} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name={[row.name, 'baseline']} label={L('kpiBaseline')} rules={rules.kpiBaseline}>
                      <Input maxLength={MAX_LENGTH.kpiText} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name={[row.name, 'target']} label={L('kpiTarget')} rules={rules.kpiTarget}>
                      <Input maxLength={MAX_LENGTH.kpiText} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={[row.name, 'unit']} label={L('kpiUnit')} rules={rules.kpiUnit}>
                      <Input maxLength={MAX_LENGTH.kpiUnit} />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ))}
            <Form.ErrorList errors={errors} />
            {rows.length < MAX_LENGTH.kpis && (
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ metric: '', baseline: '', target: '', unit: '' })}
                style={{ marginTop: 8, marginBottom: 16 }}
              >
                {t('agency.editor.addKpi')}
              </Button>
            )}
          </>
        )}
      </Form.List>
    </Fieldset>
  );
}

function DataResourceList({ name }: { name: NamePath }) {
  const { t } = useTranslation();
  const rules = useMemo(() => scenarioRules(t), [t]);
  const L = (key: string) => t(`agency.fields.${key}`);
  return (
    <Fieldset legend={L('dataResources')}>
      <Typography.Paragraph type="secondary">{t('agency.help.dataResources')}</Typography.Paragraph>
      <Form.List name={name}>
        {(rows, { add, remove }, { errors }) => (
          <>
            {rows.map((row, index) => (
              <Card
                key={row.key}
                size="small"
                style={{ marginBottom: 12 }}
                title={t('agency.editor.resourceNo', { no: index + 1 })}
                extra={
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('agency.editor.removeResource', { no: index + 1 })}
                    onClick={() => remove(row.name)}
                  />
                }
              >
                <Form.Item name={[row.name, 'name']} label={L('resourceName')} rules={rules.resourceName}>
                  <Input maxLength={MAX_LENGTH.resourceName} />
                </Form.Item>
                <Form.Item
                  name={[row.name, 'description']}
                  label={L('resourceDescription')}
                  rules={rules.resourceDescription}
                >
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={MAX_LENGTH.resourceDescription} />
                </Form.Item>
                <Form.Item name={[row.name, 'accessTerms']} label={L('resourceAccess')} rules={rules.resourceAccess}>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={MAX_LENGTH.resourceAccess} />
                </Form.Item>
                <Form.Item name={[row.name, 'sandboxed']} label={L('resourceSandboxed')} valuePropName="checked">
                  <Switch checkedChildren={t('agency.yes')} unCheckedChildren={t('agency.no')} />
                </Form.Item>
              </Card>
            ))}
            <Form.ErrorList errors={errors} />
            {rows.length < MAX_LENGTH.dataResources && (
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ name: '', description: '', accessTerms: '', sandboxed: false })}
                style={{ marginTop: 8, marginBottom: 16 }}
              >
                {t('agency.editor.addResource')}
              </Button>
            )}
          </>
        )}
      </Form.List>
    </Fieldset>
  );
}
