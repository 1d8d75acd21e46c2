import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { applyApiError } from '../../../api/form-errors';
import { FormErrors, QueryState } from '../../../components/QueryState';
import { options } from '../../../components/taxonomy';
import { useProfile, useScenario, vendorKeys } from '../api';
import { PageTitle } from '../components/bits';
import { formToProfileDto, profileToForm, type ProfileFormValues } from '../lib/profileMapping';
import { useDebounced } from '../lib/useDebounced';
import type { PublicScenarioPage, VendorProfileView } from '../types';
import { ToneTag } from '../components/ToneTag';
import { ListErrors } from '../components/ListErrors';

const money = {
  formatter: (v: number | string | undefined) =>
    v === undefined || v === '' ? '' : `${v}`.replace(/\B(?=(\d{3})+(?!\d))/g, ','),
  parser: (v: string | undefined) => (v ? Number(v.replace(/[^\d]/g, '')) : (undefined as unknown as number)),
};

export function ProfilePage() {
  const profile = useProfile();
  return <QueryState query={profile}>{(p) => <ProfileEditor profile={p} />}</QueryState>;
}

function ProfileEditor({ profile }: { profile: VendorProfileView | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProfileFormValues>();
  /** The profile the form is based on (its version is sent with the save). */
  const [base, setBase] = useState<VendorProfileView | null>(profile);
  const [formKey, setFormKey] = useState(0);
  const [errors, setErrors] = useState<string[]>([]);
  const [conflict, setConflict] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const topRef = useRef<HTMLDivElement>(null);
  // Errors that belong to no field, and the conflict, show above the form: bring them into view.
  useEffect(() => {
    if (errors.length || conflict !== null) topRef.current?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  }, [errors, conflict]);
  const initialValues = useMemo(
    () => profileToForm(base),
    // Re-computed only when the form is re-mounted with the latest profile.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [formKey],
  );

  const put = async (version: number | undefined) => {
    setSaving(true);
    setErrors([]);
    try {
      const dto = formToProfileDto(form.getFieldsValue(true) as ProfileFormValues, version);
      const saved = await api.put<VendorProfileView>('/vendors/me/profile', dto);
      setBase(saved);
      setConflict(null);
      queryClient.setQueryData(vendorKeys.profile, saved);
      void queryClient.invalidateQueries({ queryKey: vendorKeys.recommendationsAll });
      void message.success(t(version === undefined ? 'vendor.profile.created' : 'vendor.profile.saved'));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VENDOR_PROFILE_VERSION_CONFLICT') {
        const current = Number(error.details.current);
        setConflict(Number.isFinite(current) && current > 0 ? current : -1);
      } else setErrors(applyApiError(form, error));
    } finally {
      setSaving(false);
    }
  };

  /** Keep the user's input, take the latest version number, and save over it. */
  const keepMine = async () => {
    const latest = await api.get<VendorProfileView>('/vendors/me/profile');
    setBase(latest);
    await put(latest.version);
  };

  /** Discard the input and show the latest profile. */
  const loadLatest = async () => {
    const latest = await api.get<VendorProfileView>('/vendors/me/profile');
    setBase(latest);
    queryClient.setQueryData(vendorKeys.profile, latest);
    setConflict(null);
    setErrors([]);
    setFormKey((k) => k + 1);
    void message.info(t('vendor.profile.reloaded'));
  };

  return (
    <>
      <PageTitle
        title={t('vendor.profile.title')}
        subtitle={
          <>
            {t('vendor.profile.intro')}{' '}
            {base && (
              <Flex wrap gap={8} style={{ marginTop: 6 }} component="span">
                <ToneTag tone={base.listed ? 'green' : 'default'}>
                  {base.listed ? t('vendor.profile.listed') : t('vendor.profile.notListed')}
                </ToneTag>
                <Typography.Text type="secondary">
                  {t('vendor.profile.version', { version: base.version })}
                </Typography.Text>
              </Flex>
            )}
          </>
        }
      />
      <div ref={topRef} />
      {!base && <Alert type="info" showIcon title={t('vendor.profile.createHint')} style={{ marginBottom: 12 }} />}
      {conflict !== null && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('vendor.profile.conflict', { current: conflict > 0 ? conflict : '?' })}
          description={
            <Flex wrap gap={8} style={{ marginTop: 8 }}>
              <Button type="primary" onClick={() => void keepMine()} loading={saving}>
                {t('vendor.profile.conflictKeep')}
              </Button>
              <Button onClick={() => void loadLatest()}>{t('vendor.profile.conflictReload')}</Button>
            </Flex>
          }
        />
      )}
      <FormErrors messages={errors} />
      <Form
        key={formKey}
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={() => void put(base?.version)}
        scrollToFirstError
      >
        <Card style={{ marginBottom: 16 }}>
          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
            {t('vendor.profile.sections.basics')}
          </Typography.Title>
          <Form.Item
            label={t('vendor.profile.description')}
            name="description"
            rules={[{ required: true, whitespace: true, message: t('vendor.profile.descriptionRequired') }]}
          >
            <Input.TextArea rows={8} maxLength={10_000} showCount />
          </Form.Item>
        </Card>

        <Card style={{ marginBottom: 16 }}>
          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
            {t('vendor.profile.sections.scope')}
          </Typography.Title>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item
                label={t('vendor.profile.domains')}
                name="domains"
                rules={[{ required: true, type: 'array', min: 1, message: t('vendor.profile.domainsRequired') }]}
              >
                <Select mode="multiple" options={options('domains')} maxCount={10} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('vendor.profile.industryFields')} name="industryFields">
                <Select mode="multiple" allowClear options={options('industry_fields')} maxCount={10} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                label={t('vendor.profile.capabilityCodes')}
                name="capabilityCodes"
                rules={[{ required: true, type: 'array', min: 1, message: t('vendor.profile.capabilitiesRequired') }]}
              >
                <Select
                  mode="multiple"
                  showSearch={{ optionFilterProp: 'label' }}
                  options={options('capabilities')}
                  maxCount={30}
                />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item label={t('vendor.profile.districts')} name="districts">
                <Select mode="multiple" allowClear options={options('districts')} maxCount={20} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card style={{ marginBottom: 16 }}>
          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
            {t('vendor.profile.sections.scale')}
          </Typography.Title>
          <Row gutter={12}>
            <Col xs={24} sm={12} md={6}>
              <Form.Item label={t('vendor.profile.teamSize')} name="teamSize">
                <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item label={t('vendor.profile.trl')} name="trl">
                <Select
                  allowClear
                  options={[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ value: n, label: `TRL ${n}` }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item label={t('vendor.profile.budgetMin')} name="typicalBudgetMinYuan">
                <InputNumber<number> min={0} precision={0} style={{ width: '100%' }} {...money} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item label={t('vendor.profile.budgetMax')} name="typicalBudgetMaxYuan">
                <InputNumber<number> min={0} precision={0} style={{ width: '100%' }} {...money} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <ListCard
          title={t('vendor.profile.sections.products')}
          name="products"
          addLabel={t('vendor.profile.addProduct')}
          empty={{ name: '', description: '', url: '' }}
        >
          {(field) => (
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item label={t('vendor.profile.productName')} name={[field, 'name']}>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={t('vendor.profile.productUrl')} name={[field, 'url']}>
                  <Input type="url" maxLength={500} placeholder="https://" />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item label={t('vendor.profile.productDescription')} name={[field, 'description']}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              </Col>
            </Row>
          )}
        </ListCard>

        <ListCard
          title={t('vendor.profile.sections.cases')}
          name="pastCases"
          addLabel={t('vendor.profile.addCase')}
          empty={{ title: '', client: '', year: new Date().getFullYear(), outcome: '', scenarioId: null }}
        >
          {(field) => (
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item label={t('vendor.profile.caseTitle')} name={[field, 'title']}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col xs={16} md={8}>
                <Form.Item label={t('vendor.profile.caseClient')} name={[field, 'client']}>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col xs={8} md={4}>
                <Form.Item label={t('vendor.profile.caseYear')} name={[field, 'year']}>
                  <InputNumber min={1990} max={2100} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item label={t('vendor.profile.caseOutcome')} name={[field, 'outcome']}>
                  <Input.TextArea rows={2} maxLength={1000} />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item label={t('vendor.profile.caseScenario')} name={[field, 'scenarioId']}>
                  <ScenarioPicker />
                </Form.Item>
                <CaseVerified field={field} />
              </Col>
            </Row>
          )}
        </ListCard>

        <ListCard
          title={t('vendor.profile.sections.certifications')}
          name="certifications"
          addLabel={t('vendor.profile.addCert')}
          empty={{ name: '', issuer: '', validUntil: null }}
        >
          {(field) => (
            <Row gutter={12}>
              <Col xs={24} md={10}>
                <Form.Item label={t('vendor.profile.certName')} name={[field, 'name']}>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label={t('vendor.profile.certIssuer')} name={[field, 'issuer']}>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item label={t('vendor.profile.certValidUntil')} name={[field, 'validUntil']}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          )}
        </ListCard>

        <div
          style={{
            position: 'sticky',
            bottom: 0,
            zIndex: 10,
            background: '#fff',
            borderTop: '1px solid #f0f0f0',
            padding: '10px 12px',
          }}
        >
          <Button type="primary" htmlType="submit" icon={<SaveOutlined aria-hidden />} loading={saving}>
            {t('vendor.profile.save')}
          </Button>
        </div>
      </Form>
    </>
  );
}

/** A card holding one list field of the profile, its rows and an add button. */
function ListCard({
  title,
  name,
  addLabel,
  empty,
  children,
}: {
  title: string;
  name: 'products' | 'pastCases' | 'certifications';
  addLabel: string;
  empty: Record<string, unknown>;
  children: (field: number) => React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card style={{ marginBottom: 16 }}>
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        {title}
      </Typography.Title>
      <Form.List name={name}>
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <div key={field.key} style={{ borderBottom: '1px solid #f0f0f0', marginBottom: 12 }}>
                <Flex justify="space-between" align="center">
                  <Typography.Text strong>#{index + 1}</Typography.Text>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined aria-hidden />}
                    aria-label={t('vendor.proposal.removeRow', { n: index + 1 })}
                    title={t('vendor.proposal.removeRow', { n: index + 1 })}
                    onClick={() => remove(field.name)}
                  />
                </Flex>
                {children(field.name)}
              </div>
            ))}
            <ListErrors errors={errors} />
            <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add(empty)} block>
              {addLabel}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}

function CaseVerified({ field }: { field: number }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<ProfileFormValues>();
  const scenarioId = Form.useWatch(['pastCases', field, 'scenarioId'], form);
  const verified = form.getFieldValue(['pastCases', field, 'verified']) as boolean | undefined;
  if (!scenarioId) return null;
  return (
    <ToneTag tone={verified ? 'green' : 'default'} style={{ marginBottom: 12 }}>
      {verified ? t('vendor.profile.caseVerified') : t('vendor.profile.caseSelfDeclared')}
    </ToneTag>
  );
}

/** Picks a public scenario of the platform by title (for a past case). */
function ScenarioPicker({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 300);
  const list = useQuery({
    queryKey: ['vendor', 'scenario-picker', q],
    queryFn: () => api.get<PublicScenarioPage>('/public/scenarios', { q: q || undefined, limit: 20 }),
    placeholderData: (prev) => prev,
    staleTime: 60_000,
  });
  const current = useScenario(value || null);
  const opts = [
    ...(current.data ? [{ value: current.data.id, label: current.data.title }] : []),
    ...(list.data?.items ?? []).filter((s) => s.id !== value).map((s) => ({ value: s.id, label: s.title })),
  ];
  return (
    <Select
      id={id}
      value={value || undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      placeholder={t('vendor.profile.caseScenarioSearch')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={list.isFetching}
      options={opts}
    />
  );
}
