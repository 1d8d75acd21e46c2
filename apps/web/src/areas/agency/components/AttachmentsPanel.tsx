import { useState } from 'react';
import { Alert, App, Button, Popconfirm, Space, Typography, Upload, type UploadProps } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, downloadFile } from '../../../api/client';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../components/format';
import { agencyKeys } from '../api';
import type { AttachmentView } from '../types';
import { formatBytes } from '../format';

/** What the API accepts (the type is sniffed from the content; the extension must agree). */
export const ATTACHMENT_ACCEPT = '.pdf,.png,.jpg,.jpeg,.webp,.gif,.doc,.docx,.xls,.xlsx,.ppt,.pptx';

/** A scenario's attachments: the list with downloads, and upload/remove while the scenario is editable. */
export function AttachmentsPanel({
  scenarioId,
  editable,
  headingLevel = 3,
}: {
  scenarioId: string;
  editable: boolean;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<string[]>([]);
  const [uploading, setUploading] = useState(0);
  const query = useQuery({
    queryKey: agencyKeys.attachments(scenarioId),
    queryFn: ({ signal }) => api.get<AttachmentView[]>(`/scenarios/${scenarioId}/attachments`, undefined, signal),
  });
  const remove = useMutation({
    mutationFn: (attachmentId: string) => api.delete(`/scenarios/${scenarioId}/attachments/${attachmentId}`),
    onSuccess: () => {
      void message.success(t('agency.attachments.removed'));
      void queryClient.invalidateQueries({ queryKey: agencyKeys.attachments(scenarioId) });
    },
    onError: (error) => setErrors([error instanceof Error ? error.message : String(error)]),
  });

  const customRequest: UploadProps['customRequest'] = async ({ file, onSuccess, onError }) => {
    const f = file as File;
    const form = new FormData();
    form.append('file', f, f.name);
    setUploading((n) => n + 1);
    try {
      const created = await api.upload<AttachmentView>(`/scenarios/${scenarioId}/attachments`, form);
      onSuccess?.(created);
      void message.success(t('agency.attachments.uploaded', { name: f.name }));
      void queryClient.invalidateQueries({ queryKey: agencyKeys.attachments(scenarioId) });
    } catch (error) {
      const text =
        error instanceof ApiError
          ? error.status === 413 || error.status === 415
            ? t('agency.attachments.refused', { name: f.name, status: error.status, message: error.message })
            : `${f.name}：${error.message}`
          : t('agency.attachments.failed', { name: f.name });
      setErrors((prev) => [...prev, text]);
      onError?.(error as Error);
    } finally {
      setUploading((n) => n - 1);
    }
  };

  return (
    <section aria-labelledby={`attachments-${scenarioId}`}>
      <Typography.Title level={headingLevel} id={`attachments-${scenarioId}`} style={{ fontSize: 16 }}>
        {t('agency.attachments.title')}
      </Typography.Title>
      {editable && <Typography.Paragraph type="secondary">{t('agency.attachments.help')}</Typography.Paragraph>}
      {errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          closable={{ 'aria-label': t('agency.close') }}
          onClose={() => setErrors([])}
          style={{ marginBottom: 12 }}
          title={t('agency.attachments.errorTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {errors.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          }
        />
      )}
      {editable && (
        <Upload
          accept={ATTACHMENT_ACCEPT}
          multiple
          showUploadList={false}
          customRequest={customRequest}
          beforeUpload={(file, batch) => {
            // A new choice of files starts with a clean slate (once per choice, not per file).
            if (file === batch[0]) setErrors([]);
            return true;
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading > 0}>
            {t('agency.attachments.upload')}
          </Button>
        </Upload>
      )}
      <div style={{ marginTop: 12 }}>
        <QueryState
          query={query}
          isEmpty={(list) => list.length === 0}
          empty={<Typography.Text type="secondary">{t('agency.attachments.none')}</Typography.Text>}
        >
          {(list) => (
            <ul aria-label={t('agency.attachments.title')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {list.map((a) => (
                <li key={a.id} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
                  <Space wrap size="small" style={{ width: '100%', justifyContent: 'space-between' }}>
                    <Button
                      type="link"
                      icon={<PaperClipOutlined />}
                      style={{ paddingInline: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                      className="wrap-anywhere"
                      onClick={() =>
                        void downloadFile(`/scenarios/${scenarioId}/attachments/${a.id}`, a.fileName).catch((e) =>
                          setErrors([e instanceof Error ? e.message : String(e)]),
                        )
                      }
                    >
                      {a.fileName}
                    </Button>
                    <Space size="small">
                      <Typography.Text type="secondary">
                        {formatBytes(a.sizeBytes)} · {formatDateTime(a.createdAt)}
                      </Typography.Text>
                      {editable && (
                        <Popconfirm
                          title={t('agency.attachments.confirmRemove', { name: a.fileName })}
                          okText={t('common.action.delete')}
                          cancelText={t('common.action.cancel')}
                          onConfirm={() => remove.mutateAsync(a.id)}
                        >
                          <Button
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            aria-label={t('agency.attachments.remove', { name: a.fileName })}
                          />
                        </Popconfirm>
                      )}
                    </Space>
                  </Space>
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </div>
    </section>
  );
}
