import { label } from '../../components/taxonomy';
import { formatDate, formatYuan } from '../../components/format';
import type { SavedSearchFilters } from './types';

/** One filter of a saved search as the list shows it: the i18n key of its name and its value in words. */
export interface FilterPart {
  key: string;
  value: string;
}

const list = (v: string[] | string | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);

/**
 * A saved search's filters in words, in the order the opportunity list shows its filters. Codes become
 * taxonomy labels (in the current language); amounts and dates are formatted.
 */
export function describeFilters(filters: SavedSearchFilters, separator = '、'): FilterPart[] {
  const out: FilterPart[] = [];
  const codes = (key: string, kind: Parameters<typeof label>[0], v: string[] | string | undefined) => {
    const items = list(v);
    if (items.length) out.push({ key, value: items.map((c) => label(kind, c)).join(separator) });
  };
  if (filters.q?.trim()) out.push({ key: 'q', value: filters.q.trim() });
  codes('domain', 'domains', filters.domain);
  codes('sector', 'sectors', filters.sector);
  codes('capability', 'capabilities', filters.capability);
  codes('district', 'districts', filters.district);
  const min = filters.budgetMin;
  const max = filters.budgetMax;
  if (min !== undefined && max !== undefined)
    out.push({ key: 'budget', value: `${formatYuan(min)} – ${formatYuan(max)}` });
  else if (min !== undefined) out.push({ key: 'budgetMin', value: formatYuan(min) });
  else if (max !== undefined) out.push({ key: 'budgetMax', value: formatYuan(max) });
  if (filters.trl !== undefined) out.push({ key: 'trl', value: String(filters.trl) });
  if (filters.deadlineFrom || filters.deadlineTo)
    out.push({
      key: 'deadline',
      value: `${filters.deadlineFrom ? formatDate(filters.deadlineFrom) : '…'} – ${
        filters.deadlineTo ? formatDate(filters.deadlineTo) : '…'
      }`,
    });
  // A batch id means nothing to a reader: the filter is named, not its value.
  if (filters.batch) out.push({ key: 'batch', value: '' });
  return out;
}

/** The public opportunity list with the saved filters applied. */
export function savedSearchHref(listQuery: string): string {
  return listQuery ? `/?${listQuery}` : '/';
}
