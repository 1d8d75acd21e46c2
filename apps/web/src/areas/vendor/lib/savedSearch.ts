import dayjs, { type Dayjs } from 'dayjs';
import type { SavedSearchFilters } from '../types';

/** The opportunity list's filters a saved search keeps (SAVED_SEARCH_FILTER_FIELDS in libs/notifications). */
export const FILTER_FIELDS = [
  'q',
  'domain',
  'sector',
  'capability',
  'district',
  'budgetMin',
  'budgetMax',
  'trl',
  'deadlineFrom',
  'deadlineTo',
  'batch',
] as const;
type FilterField = (typeof FILTER_FIELDS)[number];

const LIST_FIELDS: readonly FilterField[] = ['domain', 'capability', 'district'];
const NUMBER_FIELDS: readonly FilterField[] = ['budgetMin', 'budgetMax', 'trl'];

/**
 * The filters in a list URL's query string (`?q=…&domain=a,b` or `domain=a&domain=b`), as the public list
 * and `SavedSearchView.listQuery` write them. Paging, sort and status are not filters and are ignored.
 */
export function parseListQuery(search: string | URLSearchParams): SavedSearchFilters {
  const params = typeof search === 'string' ? new URLSearchParams(search.replace(/^\?/, '')) : search;
  const out: Record<string, unknown> = {};
  for (const field of FILTER_FIELDS) {
    const values = params
      .getAll(field)
      .flatMap((v) => (LIST_FIELDS.includes(field) ? v.split(',') : [v]))
      .map((v) => v.trim())
      .filter(Boolean);
    if (!values.length) continue;
    if (LIST_FIELDS.includes(field)) out[field] = [...new Set(values)];
    else if (NUMBER_FIELDS.includes(field)) {
      const n = Number(values[0]);
      if (Number.isInteger(n) && n >= 0) out[field] = n;
    } else out[field] = values[0];
  }
  return out as SavedSearchFilters;
}

/** Drops empty values (blank text, empty lists, null) so only real filters are saved. */
export function cleanFilters(filters: SavedSearchFilters): SavedSearchFilters {
  const out: Record<string, unknown> = {};
  for (const field of FILTER_FIELDS) {
    const v = (filters as Record<string, unknown>)[field];
    if (v === undefined || v === null) continue;
    if (typeof v === 'string') {
      if (v.trim()) out[field] = v.trim();
    } else if (Array.isArray(v)) {
      if (v.length) out[field] = [...v];
    } else if (typeof v === 'number' && Number.isFinite(v)) out[field] = v;
  }
  return out as SavedSearchFilters;
}

export function hasFilters(filters: SavedSearchFilters): boolean {
  return Object.keys(cleanFilters(filters)).length > 0;
}

/** The filters as the list's query string (lists comma-separated), like the API's `listQuery`. */
export function toListQuery(filters: SavedSearchFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(cleanFilters(filters))) {
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return params.toString();
}

/** The create form's values: the filters, with dates as Dayjs for the pickers. */
export interface SavedSearchFormValues extends Omit<SavedSearchFilters, 'deadlineFrom' | 'deadlineTo'> {
  name?: string;
  deadlineFrom?: Dayjs | null;
  deadlineTo?: Dayjs | null;
}

export function filtersToForm(filters: SavedSearchFilters): SavedSearchFormValues {
  const { deadlineFrom, deadlineTo, ...rest } = filters;
  return {
    ...rest,
    deadlineFrom: deadlineFrom && dayjs(deadlineFrom).isValid() ? dayjs(deadlineFrom) : null,
    deadlineTo: deadlineTo && dayjs(deadlineTo).isValid() ? dayjs(deadlineTo) : null,
  };
}

/** The saved filters from the form (dates as calendar days, empty values left out). */
export function formToFilters(values: SavedSearchFormValues): SavedSearchFilters {
  const { name: _name, deadlineFrom, deadlineTo, ...rest } = values;
  return cleanFilters({
    ...rest,
    deadlineFrom: deadlineFrom ? deadlineFrom.format('YYYY-MM-DD') : undefined,
    deadlineTo: deadlineTo ? deadlineTo.format('YYYY-MM-DD') : undefined,
  });
}
