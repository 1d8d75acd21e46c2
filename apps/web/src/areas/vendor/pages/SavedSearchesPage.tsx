import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Tag,
  Typography,
} from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { applyApiError } from '../../../api/form-errors';
import { FormErrors, QueryState } from '../../../components/QueryState';
import { formatBudget, formatDate } from '../../../components/format';
import { label, options } from '../../../components/taxonomy';
import { useSavedSearches, useScenarioSearch, vendorKeys } from '../api';
import { PageTitle } from '../components/bits';
import {
  filtersToForm,
  formToFilters,
  hasFilters,
  parseListQuery,
  type SavedSearchFormValues,
} from '../lib/savedSearch';
import { useDebounced } from '../lib/useDebounced';
import { publicListPath, vendorPaths } from '../paths';
import type { SavedSearchFilters, SavedSearchView } from '../types';

/**
 * Saved searches (订阅): the list, and a form to save the opportunity list's current filters — they arrive
 * in this page's query string (`/vendor/saved-searches?q=…&domain=…`, as the public list writes it).
 */
export function SavedSearchesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const fromList = useMemo(() => parseListQuery(params), [params]);
  const [form] = Form.useForm<SavedSearchFormValues>();
  const [errors, setErrors] = useState<string[]>([]);
  const saved = useSavedSearches();
  const watched = Form.useWatch([], form) as SavedSearchFormValues | undefined;
  const filters = useMemo(() => formToFilters(watched ?? filtersToForm(fromList)), [watched, fromList]);
  const full = !!saved.data && saved.data.items.length >= saved.data.max;

  const create = useMutation({
    mutationFn: (body: { name: string; filters: SavedSearchFilters }) =>
      api.post<SavedSearchView>('/saved-searches', body),
    onSuccess: () => {
      void message.success(t('vendor.saved.created'));
      form.resetFields();
      form.setFieldsValue({ name: '' });
      setErrors([]);
      return queryClient.invalidateQueries({ queryKey: vendorKeys.savedSearches });
    },
    onError: (e) => setErrors(applyApiError(form, e, { stripPrefix: 'filters' })),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/saved-searches/${id}`),
    onSuccess: () => {
      void message.success(t('vendor.saved.deleted'));
      return queryClient.invalidateQueries({ queryKey: vendorKeys.savedSearches });
    },
    onError: (e) => void message.error(e.message),
  });

  const onFinish = (values: SavedSearchFormValues) => {
    const f = formToFilters(values);
    if (!hasFilters(f)) {
      setErrors([t('vendor.saved.noFilters')]);
      return;
    }
    setErrors([]);
    create.mutate({ name: (values.name ?? '').trim(), filters: f });
  };

  return (
    <>
      <PageTitle
        title={t('vendor.saved.title')}
        subtitle={t('vendor.saved.intro')}
        extra={<Link to={vendorPaths.followed}>{t('vendor.saved.followed')}</Link>}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card>
            <Typography.Title level={2} style={{ fontSize: 18 }}>
              {t('vendor.saved.listTitle')}
            </Typography.Title>
            <QueryState
              query={saved}
              isEmpty={(d) => d.items.length === 0}
              empty={<Empty description={t('vendor.saved.empty')} />}
            >
              {(data) => (
                <>
                  <Typography.Paragraph type="secondary">
                    {t('vendor.saved.count', { count: data.items.length, max: data.max })}
                  </Typography.Paragraph>
                  <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('vendor.saved.listTitle')}>
                    {data.items.map((s) => (
                      <li key={s.id} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
                        <Flex justify="space-between" align="start" gap={8} wrap>
                          <div style={{ minWidth: 0, flex: '1 1 200px' }}>
                            <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }} className="wrap-anywhere">
                              {s.name}
                            </Typography.Title>
                            <FilterTags filters={s.filters} />
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {formatDate(s.createdAt)}
                            </Typography.Text>
                          </div>
                          <Flex gap={8} wrap align="center">
                            <Link to={publicListPath(s.listQuery)}>{t('vendor.saved.openList')}</Link>
                            <Popconfirm
                              title={t('vendor.saved.deleteConfirm', { name: s.name })}
                              onConfirm={() => remove.mutate(s.id)}
                            >
                              <Button size="small" danger aria-label={`${t('common.action.delete')}：${s.name}`}>
                                {t('common.action.delete')}
                              </Button>
                            </Popconfirm>
                          </Flex>
                        </Flex>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </QueryState>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card>
            <Typography.Title level={2} style={{ fontSize: 18 }}>
              {t('vendor.saved.createTitle')}
            </Typography.Title>
            {hasFilters(fromList) && (
              <Alert type="info" showIcon title={t('vendor.saved.fromList')} style={{ marginBottom: 12 }} />
            )}
            {full && (
              <Alert type="warning" showIcon title={t('vendor.saved.limitReached')} style={{ marginBottom: 12 }} />
            )}
            <FormErrors messages={errors} />
            <Form
              form={form}
              layout="vertical"
              initialValues={filtersToForm(fromList)}
              onFinish={onFinish}
              disabled={full}
            >
              <Form.Item
                label={t('vendor.saved.name')}
                name="name"
                rules={[{ required: true, whitespace: true, message: t('vendor.saved.nameRequired') }]}
              >
                <Input maxLength={100} />
              </Form.Item>
              <FilterFields />
              <Button type="primary" htmlType="submit" loading={create.isPending}>
                {t('vendor.saved.create')}
              </Button>
            </Form>
            <Preview filters={filters} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** The list filters (names as the API's `filters.*`; the API's field errors come as `filters.q` etc.). */
function FilterFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item label={t('vendor.saved.q')} name="q">
        <Input maxLength={100} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item label={t('vendor.saved.domain')} name="domain">
            <Select mode="multiple" allowClear options={options('domains')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t('vendor.saved.sector')} name="sector">
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={options('sectors')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t('vendor.saved.capability')} name="capability">
            <Select
              mode="multiple"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={options('capabilities')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t('vendor.saved.district')} name="district">
            <Select mode="multiple" allowClear options={options('districts')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t('vendor.saved.budgetMin')} name="budgetMin">
            <InputNumber min={0} step={10000} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t('vendor.saved.budgetMax')} name="budgetMax">
            <InputNumber min={0} step={10000} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t('vendor.saved.deadlineFrom')} name="deadlineFrom">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t('vendor.saved.deadlineTo')} name="deadlineTo">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t('vendor.saved.trl')} name="trl">
            <InputNumber min={1} max={9} precision={0} style={{ width: '100%', maxWidth: 200 }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="batch" hidden>
        <Input />
      </Form.Item>
    </>
  );
}

/** The filters of a saved search, in words. */
function FilterTags({ filters }: { filters: SavedSearchFilters }) {
  const { t } = useTranslation();
  const tags: string[] = [];
  if (filters.q) tags.push(`${t('vendor.saved.q')}：${filters.q}`);
  filters.domain?.forEach((d) => tags.push(label('domains', d)));
  if (filters.sector) tags.push(label('sectors', filters.sector));
  filters.capability?.forEach((c) => tags.push(label('capabilities', c)));
  filters.district?.forEach((d) => tags.push(label('districts', d)));
  if (filters.budgetMin !== undefined || filters.budgetMax !== undefined)
    tags.push(`${t('vendor.common.budget')}：${formatBudget(filters.budgetMin ?? null, filters.budgetMax ?? null)}`);
  if (filters.trl !== undefined) tags.push(`TRL ≤ ${filters.trl}`);
  if (filters.deadlineFrom) tags.push(`${t('vendor.saved.deadlineFrom')} ${formatDate(filters.deadlineFrom)}`);
  if (filters.deadlineTo) tags.push(`${t('vendor.saved.deadlineTo')} ${formatDate(filters.deadlineTo)}`);
  if (filters.batch) tags.push(t('vendor.saved.batch'));
  return (
    <Flex wrap gap={4} style={{ margin: '4px 0' }}>
      {tags.map((tag) => (
        <Tag key={tag} style={{ marginInlineEnd: 0 }}>
          {tag}
        </Tag>
      ))}
    </Flex>
  );
}

/** Open scenarios the filters find now. */
function Preview({ filters }: { filters: SavedSearchFilters }) {
  const { t } = useTranslation();
  const debounced = useDebounced(filters, 400);
  const search = useScenarioSearch(debounced, 5);
  if (!hasFilters(filters)) return null;
  return (
    <section style={{ marginTop: 20 }} aria-labelledby="vendor-saved-preview">
      <Typography.Title level={3} id="vendor-saved-preview" style={{ fontSize: 15 }}>
        {t('vendor.saved.preview')}
      </Typography.Title>
      <QueryState
        query={search}
        isEmpty={(d) => d.items.length === 0}
        empty={<Typography.Text type="secondary">{t('vendor.saved.previewEmpty')}</Typography.Text>}
      >
        {(data) => (
          <ul style={{ paddingInlineStart: 20, margin: 0 }}>
            {data.items.map((s) => (
              <li key={s.id} className="wrap-anywhere">
                <Link to={vendorPaths.scenario(s.id)}>{s.title}</Link>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
