import type { ReactNode } from 'react';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { label } from '../../../components/taxonomy';
import type { ProposalStatus } from '../types';
import { ToneTag, type Tone } from './ToneTag';

const PROPOSAL_TONES: Record<ProposalStatus, Tone> = {
  draft: 'default',
  submitted: 'blue',
  withdrawn: 'default',
  reconfirmation_required: 'orange',
  opened: 'cyan',
  not_opened: 'default',
  shortlisted: 'purple',
  not_shortlisted: 'default',
  awarded: 'gold',
  unsuccessful: 'default',
};

/** A proposal's status (not a scenario's: the words differ). */
export function ProposalStatusTag({ status }: { status: ProposalStatus }) {
  const { t } = useTranslation();
  return (
    <ToneTag tone={PROPOSAL_TONES[status] ?? 'default'}>
      {t(`vendor.proposalStatus.${status}`, { defaultValue: status })}
    </ToneTag>
  );
}

/** The page's one h1, with optional actions beside it and a line below. */
export function PageTitle({ title, extra, subtitle }: { title: ReactNode; extra?: ReactNode; subtitle?: ReactNode }) {
  return (
    <div style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }} className="wrap-anywhere">
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {subtitle && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {subtitle}
        </Typography.Paragraph>
      )}
    </div>
  );
}

/** Domain, sector and district of a scenario as tags. */
export function ScenarioTags({
  domain,
  sector,
  district,
}: {
  domain: string;
  sector?: string | null;
  district?: string | null;
}) {
  return (
    <Flex wrap gap={4}>
      <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>
        {label('domains', domain)}
      </Tag>
      {sector && <Tag style={{ marginInlineEnd: 0 }}>{label('sectors', sector)}</Tag>}
      {district && <Tag style={{ marginInlineEnd: 0 }}>{label('districts', district)}</Tag>}
    </Flex>
  );
}

/** The label of the "Reviewer 1" the API gives, in the current language. */
export function useReviewerLabel() {
  const { t } = useTranslation();
  return (reviewer: string) => {
    const n = /^Reviewer (\d+)$/.exec(reviewer)?.[1];
    return n ? t('vendor.common.reviewerN', { n }) : reviewer;
  };
}
