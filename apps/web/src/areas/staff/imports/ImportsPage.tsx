import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Radio, Select, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { StaffPage } from '../components/StaffPage';
import { keys } from '../api';
import type { ImportResult, ImportRowError, OrganisationView, Page } from '../types';
import { importPath, rowErrorsOf } from './importRequest';
import { StaffTable } from '../components/StaffTable';
import { StaffLink } from '../components/StaffLink';

interface ImportForm {
  kind: 'scenarios' | 'vendors';
  dryRun: boolean;
  publish: boolean;
  agencyOrganisationId?: string;
}

export function ImportsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ImportForm>();
  const kind = Form.useWatch('kind', form) ?? 'scenarios';
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const agencies = useQuery({
    queryKey: ['staff', 'organisations', 'verified', 'agency', 'all'],
    queryFn: () =>
      api.get<Page<OrganisationView>>('/organisations', { status: 'verified', type: 'agency', limit: 100 }),
    enabled: kind === 'scenarios',
  });
  const run = useMutation({
    mutationFn: (v: ImportForm) => {
      const file = files[0]?.originFileObj;
      const data = new FormData();
      data.append('file', file as Blob, files[0]?.name);
      return api.upload<ImportResult>(importPath(v), data);
    },
    onSuccess: (r) => {
      void message.success(
        r.dryRun
          ? t('staff.imports.dryRunOk', { count: r.rows })
          : t('staff.imports.done', { count: r.created + r.updated }),
      );
      if (!r.dryRun) void queryClient.invalidateQueries({ queryKey: keys.all });
    },
  });
  const rowErrors: ImportRowError[] = run.error instanceof ApiError ? rowErrorsOf(run.error) : [];

  return (
    <StaffPage title={t('staff.imports.title')} intro={t('staff.imports.intro')}>
      <Card>
        <Form<ImportForm>
          form={form}
          layout="vertical"
          initialValues={{ kind: 'scenarios', dryRun: true, publish: false }}
          onFinish={(v) => {
            if (!files[0]?.originFileObj) {
              setFileError(t('staff.imports.fileRequired'));
              return;
            }
            setFileError(null);
            run.mutate(v);
          }}
        >
          <Form.Item label={t('staff.imports.kind')} name="kind">
            <Radio.Group
              optionType="button"
              options={[
                { value: 'scenarios', label: t('staff.imports.kinds.scenarios') },
                { value: 'vendors', label: t('staff.imports.kinds.vendors') },
              ]}
            />
          </Form.Item>
          <Form.Item
            label={t('staff.imports.file')}
            required
            validateStatus={fileError ? 'error' : undefined}
            help={fileError ?? t('staff.imports.fileHint')}
          >
            <Upload
              accept=".csv,.xlsx,.json"
              maxCount={1}
              fileList={files}
              beforeUpload={() => false}
              onChange={({ fileList }) => {
                setFiles(fileList.slice(-1));
                setFileError(null);
                run.reset();
              }}
            >
              <Button icon={<UploadOutlined />}>{t('staff.imports.pick')}</Button>
            </Upload>
          </Form.Item>
          {kind === 'scenarios' && (
            <>
              <Form.Item
                label={t('staff.imports.agency')}
                name="agencyOrganisationId"
                extra={t('staff.imports.agencyHint')}
              >
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  loading={agencies.isPending}
                  options={(agencies.data?.items ?? []).map((o) => ({ value: o.id, label: o.nameZh }))}
                />
              </Form.Item>
              <Form.Item name="publish" valuePropName="checked" extra={t('staff.imports.publishHint')}>
                <Checkbox>{t('staff.imports.publish')}</Checkbox>
              </Form.Item>
            </>
          )}
          <Form.Item name="dryRun" valuePropName="checked" extra={t('staff.imports.dryRunHint')}>
            <Checkbox>{t('staff.imports.dryRun')}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={run.isPending}>
            {t('staff.imports.run')}
          </Button>
        </Form>
      </Card>
      {run.isError && (
        <Card style={{ marginTop: 16 }}>
          <Alert type="error" showIcon role="alert" title={(run.error as Error).message} style={{ marginBottom: 12 }} />
          {rowErrors.length > 0 && (
            <>
              <Typography.Title level={2} style={{ fontSize: 18 }}>
                {t('staff.imports.rowErrors', { count: rowErrors.length })}
              </Typography.Title>
              <StaffTable<ImportRowError>
                rowKey={(e) => `${e.row}-${e.field}-${e.code}-${e.message}`}
                size="small"
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                dataSource={rowErrors}
                columns={[
                  {
                    title: t('staff.imports.row'),
                    dataIndex: 'row',
                    render: (r: number | null) => r ?? t('staff.imports.wholeFile'),
                  },
                  {
                    title: t('staff.imports.column'),
                    dataIndex: 'field',
                    render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
                  },
                  { title: t('staff.imports.message'), dataIndex: 'message' },
                  { title: t('staff.imports.code'), dataIndex: 'code' },
                ]}
              />
            </>
          )}
        </Card>
      )}
      {run.data && (
        <Card style={{ marginTop: 16 }}>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {run.data.dryRun ? t('staff.imports.dryRunResult') : t('staff.imports.result')}
          </Typography.Title>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 3 }}
            items={[
              { key: 'rows', label: t('staff.imports.rows'), children: run.data.rows },
              { key: 'created', label: t('staff.imports.created'), children: run.data.created },
              { key: 'updated', label: t('staff.imports.updated'), children: run.data.updated },
              ...(run.data.publication
                ? [
                    {
                      key: 'pub',
                      label: t('staff.imports.publication'),
                      children:
                        run.data.publication.status === 'published'
                          ? t('staff.imports.publishedCount', { count: run.data.published })
                          : t('staff.imports.publicationFailed', {
                              step: run.data.publication.step,
                              code: run.data.publication.code,
                            }),
                    },
                  ]
                : []),
              ...(run.data.batchId
                ? [
                    {
                      key: 'batch',
                      label: t('staff.nav.batches'),
                      children: (
                        <StaffLink to={`/staff/batches?batch=${run.data.batchId}`}>
                          {t('staff.imports.openBatch')}
                        </StaffLink>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <StaffTable
            rowKey={(i) => `${i.row}-${i.id ?? i.key}`}
            size="small"
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            dataSource={run.data.items}
            columns={[
              { title: t('staff.imports.row'), dataIndex: 'row' },
              { title: t('staff.imports.key'), dataIndex: 'key', render: (v?: string | null) => v ?? '—' },
              {
                title: t('staff.imports.action'),
                dataIndex: 'action',
                render: (v: string) => t(`staff.imports.actions.${v}`, { defaultValue: v }),
              },
              {
                title: 'ID',
                dataIndex: 'id',
                render: (id: string | null) =>
                  id && kind === 'scenarios' && !run.data?.dryRun ? (
                    <StaffLink to={`/staff/scenarios/${id}`}>{id}</StaffLink>
                  ) : (
                    (id ?? '—')
                  ),
              },
            ]}
          />
        </Card>
      )}
    </StaffPage>
  );
}
