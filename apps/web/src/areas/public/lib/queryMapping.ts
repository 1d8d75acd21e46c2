/**
 * Filters kept in the page's query string (shareable links), with the same names and format as the
 * API's query (`?q=童装&domain=manufacturing,agriculture&trl=6`) — the format saved searches'
 * `listQuery` uses too. Values the API would refuse (unknown codes, bad numbers) are dropped when the
 * URL is read, so a hand-edited or stale link still shows a list instead of an error.
 */
export type FieldSpec =
  | { type: 'text'; max: number }
  /** Several codes of a fixed set (comma-separated or repeated). */
  | { type: 'codes'; allowed: readonly string[] }
  /** One code of a fixed set. */
  | { type: 'code'; allowed: readonly string[] }
  | { type: 'int'; min: number; max: number }
  /** A calendar day (YYYY-MM-DD) or a full ISO 8601 date-time. */
  | { type: 'date' }
  | { type: 'uuid' };

export type Spec = Record<string, FieldSpec>;

export type ValueOf<F extends FieldSpec> = F extends { type: 'codes' }
  ? string[]
  : F extends { type: 'int' }
    ? number
    : string;

/** Parsed filters: lists always present (maybe empty), the rest only when given and valid. */
export type Values<S extends Spec> = {
  [K in keyof S]?: ValueOf<S[K]>;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

function validDay(v: string): boolean {
  if (!DAY.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

function parseField(spec: FieldSpec, raw: string[]): unknown {
  const values = raw.map((v) => v.trim()).filter(Boolean);
  switch (spec.type) {
    case 'codes': {
      const codes = values.flatMap((v) => v.split(',')).map((v) => v.trim());
      const kept = [...new Set(codes.filter((c) => spec.allowed.includes(c)))];
      return kept.length ? kept : undefined;
    }
    case 'code':
      return values.find((v) => spec.allowed.includes(v));
    case 'text': {
      const v = values[0];
      return v ? [...v].slice(0, spec.max).join('') : undefined;
    }
    case 'int': {
      const v = values[0];
      if (v === undefined || !/^\d+$/.test(v)) return undefined;
      const n = Number(v);
      return Number.isSafeInteger(n) && n >= spec.min && n <= spec.max ? n : undefined;
    }
    case 'date': {
      const v = values[0];
      return v && (validDay(v) || (DATE_TIME.test(v) && validDay(v.slice(0, 10)))) ? v : undefined;
    }
    case 'uuid': {
      const v = values[0];
      return v && UUID.test(v) ? v.toLowerCase() : undefined;
    }
  }
}

/** Reads the filters of `spec` from a query string; everything else in it is ignored. */
export function parseQuery<S extends Spec>(spec: S, search: string | URLSearchParams): Values<S> {
  const params = typeof search === 'string' ? new URLSearchParams(search.replace(/^\?/, '')) : search;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(spec)) {
    const value = parseField(field, params.getAll(key));
    if (value !== undefined) out[key] = value;
  }
  return out as Values<S>;
}

/** Empty text, empty lists, null and undefined are no filter. */
export function isEmptyValue(v: unknown): boolean {
  return (
    v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)
  );
}

/** The filters as a query string, in the spec's order, lists comma-separated, empty ones left out. */
export function toQueryString<S extends Spec>(spec: S, values: Values<S>): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(spec)) {
    const v = values[key];
    if (isEmptyValue(v)) continue;
    params.set(key, Array.isArray(v) ? v.join(',') : String(typeof v === 'string' ? v.trim() : v));
  }
  return params.toString();
}

/** Whether any filter of `spec` is set (the keys in `ignore`, e.g. sort, do not count). */
export function hasAnyValue<S extends Spec>(spec: S, values: Values<S>, ignore: (keyof S)[] = []): boolean {
  return Object.keys(spec).some((k) => !ignore.includes(k) && !isEmptyValue(values[k]));
}

/** Adds `code` to a list filter, or takes it out when it is there. */
export function toggleCode(list: readonly string[] | undefined, code: string): string[] {
  const current = list ?? [];
  return current.includes(code) ? current.filter((c) => c !== code) : [...current, code];
}
