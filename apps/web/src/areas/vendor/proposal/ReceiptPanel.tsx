import { App, Button, Descriptions, Grid, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../components/format';
import { useReceipt } from '../api';
import { receiptBlob, receiptFileName, saveBlob } from '../lib/download';
import type { ProposalView } from '../types';
import { Section } from './ContentSections';

/** The receipt (回执) of the last submission: its hash on screen and as a JSON file. */
export function ReceiptPanel({ proposal, scenarioCode }: { proposal: ProposalView; scenarioCode: string | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const receipt = useReceipt(proposal.id, !!proposal.receiptSha256);
  const screens = Grid.useBreakpoint();
  if (!proposal.receiptSha256) return null;
  return (
    <Section id="proposal-receipt" title={t('vendor.proposal.sections.receipt')}>
      <QueryState query={receipt}>
        {(r) => (
          <>
            <Descriptions
              size="small"
              column={1}
              layout={screens.sm ? 'horizontal' : 'vertical'}
              items={[
                {
                  key: 'kind',
                  label: t('vendor.proposal.receiptKindLabel'),
                  children: t(`vendor.proposal.receiptKind.${r.kind}`),
                },
                { key: 'issued', label: t('vendor.proposal.receiptIssuedAt'), children: formatDateTime(r.issuedAt) },
                {
                  key: 'hash',
                  label: t('vendor.proposal.receiptHash'),
                  children: (
                    <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="receipt-hash">
                      {r.receiptSha256}
                    </Typography.Text>
                  ),
                },
                {
                  key: 'content',
                  label: t('vendor.proposal.contentHash'),
                  children: (
                    <Typography.Text code style={{ wordBreak: 'break-all', fontSize: 12 }}>
                      {r.contentSha256}
                    </Typography.Text>
                  ),
                },
              ]}
            />
            <Button
              type="primary"
              style={{ marginTop: 12 }}
              icon={<DownloadOutlined aria-hidden />}
              onClick={() => {
                saveBlob(receiptBlob(r), receiptFileName(r, scenarioCode));
                void message.success(t('vendor.proposal.receiptDownloaded'));
              }}
            >
              {t('vendor.proposal.downloadReceipt')}
            </Button>
          </>
        )}
      </QueryState>
    </Section>
  );
}
