import { useState } from 'react';
import { Button, Checkbox, Radio } from 'antd';
import { useTranslation } from 'react-i18next';

const legendStyle = { fontWeight: 600, fontSize: 14, marginBottom: 8, padding: 0, border: 0 } as const;
const fieldsetStyle = { border: 0, padding: 0, margin: '0 0 16px', minWidth: 0 } as const;

interface FacetGroupProps {
  legend: string;
  options: { value: string; count: number }[];
  selected: readonly string[];
  labelOf: (code: string) => string;
  onToggle: (code: string) => void;
  /** How many options show before "show all". */
  max?: number;
}

/** One facet as checkboxes with the API's counts ("智能制造（5）"); long facets fold after `max`. */
export function FacetGroup({ legend, options, selected, labelOf, onToggle, max = 8 }: FacetGroupProps) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  if (!options.length) return null;
  // Selected options always show, even past the fold.
  const shown = expanded ? options : options.filter((o, i) => i < max || selected.includes(o.value));
  return (
    <fieldset style={fieldsetStyle}>
      <legend style={legendStyle}>{legend}</legend>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
        {shown.map((o) => (
          <Checkbox key={o.value} checked={selected.includes(o.value)} onChange={() => onToggle(o.value)}>
            {t('public.list.facetOption', { label: labelOf(o.value), count: o.count })}
          </Checkbox>
        ))}
      </div>
      {options.length > max && (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={() => setExpanded((e) => !e)}
          aria-expanded={expanded}
        >
          {expanded ? t('public.list.showLess') : t('public.list.showAll', { count: options.length })}
        </Button>
      )}
    </fieldset>
  );
}

interface StatusFacetProps {
  legend: string;
  groups: readonly string[];
  counts: Record<string, number> | undefined;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}

/** The status groups: one at a time ("all" clears it), each with its count. */
export function StatusFacet({ legend, groups, counts, value, onChange }: StatusFacetProps) {
  const { t } = useTranslation();
  const total = Object.values(counts ?? {}).reduce((a, b) => a + b, 0);
  return (
    <fieldset style={fieldsetStyle}>
      <legend style={legendStyle}>{legend}</legend>
      <Radio.Group
        value={value ?? ''}
        onChange={(e) => onChange((e.target.value as string) || undefined)}
        style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
      >
        <Radio value="">{t('public.list.facetOption', { label: t('public.list.status.all'), count: total })}</Radio>
        {groups.map((g) => (
          <Radio key={g} value={g}>
            {t('public.list.facetOption', { label: t(`public.list.status.${g}`), count: counts?.[g] ?? 0 })}
          </Radio>
        ))}
      </Radio.Group>
    </fieldset>
  );
}
