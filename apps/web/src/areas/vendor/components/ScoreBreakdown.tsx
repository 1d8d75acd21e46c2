import { useId } from 'react';
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { label } from '../../../components/taxonomy';
import { breakdownRows, formatPoints, type BreakdownRow } from '../lib/scoreBreakdown';
import type { MatchComponent } from '../types';

const BAR = '#1f5fbf';
const NEGATIVE = '#cf1322';

/**
 * "Why this match": each score component's points of its maximum as a small bar, with a line on why,
 * then the matched terms as tags.
 */
export function ScoreBreakdown({
  components,
  matchedTerms,
  headingLevel = 3,
}: {
  components: MatchComponent[];
  matchedTerms: string[];
  headingLevel?: 2 | 3 | 4;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const rows = breakdownRows(components);
  return (
    <section aria-labelledby={headingId} data-testid="score-breakdown" style={{ maxWidth: 680 }}>
      <Typography.Title level={headingLevel} id={headingId} style={{ fontSize: 15, marginTop: 8 }}>
        {t('vendor.why.title')}
      </Typography.Title>
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {rows.map((row) => (
          <BreakdownItem key={row.key} row={row} />
        ))}
      </ul>
      {matchedTerms.length > 0 && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary" id={`${headingId}-terms`}>
            {t('vendor.why.terms')}
          </Typography.Text>
          <ul
            aria-labelledby={`${headingId}-terms`}
            style={{ listStyle: 'none', padding: 0, margin: '4px 0 0', display: 'flex', flexWrap: 'wrap', gap: 4 }}
          >
            {matchedTerms.map((term) => (
              <li key={term}>
                <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                  {term}
                </Tag>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function BreakdownItem({ row }: { row: BreakdownRow }) {
  const { t } = useTranslation();
  const name = t(`vendor.why.component.${row.key}`, { defaultValue: row.key });
  const note = row.note
    ? t(`vendor.why.note.${row.note.key}`, {
        ...row.note.params,
        codes: (row.note.codes ?? []).map((c) => label('capabilities', c)).join(t('vendor.common.listSep')),
        defaultValue: '',
      })
    : '';
  return (
    <li style={{ marginBottom: 6 }} data-component={row.key}>
      <div
        style={{ display: 'grid', gridTemplateColumns: '6.5em minmax(48px, 1fr) 7.5em', alignItems: 'center', gap: 8 }}
      >
        <span>{name}</span>
        <span
          aria-hidden
          style={{ display: 'block', height: 8, background: '#f0f0f0', borderRadius: 4, overflow: 'hidden' }}
        >
          <span
            style={{
              display: 'block',
              height: '100%',
              width: `${row.percent}%`,
              background: row.negative ? NEGATIVE : BAR,
            }}
          />
        </span>
        <span style={{ whiteSpace: 'nowrap', textAlign: 'right', color: row.negative ? NEGATIVE : undefined }}>
          {t('vendor.why.points', { points: formatPoints(row.points), max: row.max })}
        </span>
      </div>
      {(note || row.discounted) && (
        <Typography.Text
          type="secondary"
          style={{ fontSize: 12, display: 'block', paddingInlineStart: 'calc(6.5em + 8px)' }}
        >
          {note}
          {row.discounted && `${note ? '；' : ''}${t('vendor.why.discounted')}`}
        </Typography.Text>
      )}
    </li>
  );
}
