import { useMutation } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm, Typography, Upload } from 'antd';
import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, downloadFile } from '../../../api/client';
import { formatBytes } from '../lib/bytes';
import type { ProposalAttachment, ProposalView } from '../types';
import { Section } from './ContentSections';

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.webp,.gif,.doc,.docx,.xls,.xlsx,.ppt,.pptx';

/** Files of the proposal: the lead uploads and removes them while editable; everyone reading it downloads. */
export function AttachmentsPanel({
  proposal,
  editable,
  onChanged,
}: {
  proposal: ProposalView;
  editable: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<ProposalAttachment>(`/proposals/${proposal.id}/attachments`, form);
    },
    onSuccess: (a) => {
      void message.success(t('vendor.proposal.uploaded', { name: a.fileName }));
      onChanged();
    },
    onError: (e) => void message.error(e.message),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/proposals/${proposal.id}/attachments/${id}`),
    onSuccess: () => {
      void message.success(t('vendor.proposal.attachmentRemoved'));
      onChanged();
    },
    onError: (e) => void message.error(e.message),
  });

  return (
    <Section id="proposal-attachments" title={t('vendor.proposal.sections.attachments')}>
      <Typography.Paragraph type="secondary">{t('vendor.proposal.attachmentsIntro')}</Typography.Paragraph>
      {proposal.attachments.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('vendor.proposal.noAttachments')}</Typography.Paragraph>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: '0 0 12px' }}>
          {proposal.attachments.map((a) => (
            <li key={a.id} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Flex justify="space-between" align="center" gap={8}>
                <span className="wrap-anywhere" style={{ minWidth: 0 }}>
                  {a.fileName}{' '}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatBytes(a.sizeBytes)}
                  </Typography.Text>
                </span>
                <Flex gap={4}>
                  <Button
                    size="small"
                    icon={<DownloadOutlined aria-hidden />}
                    aria-label={t('vendor.proposal.downloadAttachment', { name: a.fileName })}
                    title={t('vendor.proposal.downloadAttachment', { name: a.fileName })}
                    onClick={() =>
                      void downloadFile(`/proposals/${proposal.id}/attachments/${a.id}`, a.fileName).catch((e: Error) =>
                        message.error(e.message),
                      )
                    }
                  />
                  {editable && (
                    <Popconfirm
                      title={t('vendor.proposal.removeAttachment', { name: a.fileName })}
                      onConfirm={() => remove.mutate(a.id)}
                    >
                      <Button
                        size="small"
                        danger
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={t('vendor.proposal.removeAttachment', { name: a.fileName })}
                        title={t('vendor.proposal.removeAttachment', { name: a.fileName })}
                      />
                    </Popconfirm>
                  )}
                </Flex>
              </Flex>
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <Upload
          accept={ACCEPT}
          showUploadList={false}
          multiple
          customRequest={({ file, onSuccess, onError }) =>
            upload.mutate(file as File, {
              onSuccess: (res) => onSuccess?.(res),
              onError: (e) => onError?.(e),
            })
          }
        >
          <Button icon={<UploadOutlined aria-hidden />} loading={upload.isPending}>
            {t('vendor.proposal.upload')}
          </Button>
        </Upload>
      )}
    </Section>
  );
}
