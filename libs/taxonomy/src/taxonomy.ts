import type { Locale } from '@app/common';
import raw from './taxonomy-data.json';

export const TAXONOMY_KINDS = ['domain', 'sector', 'capability', 'industry_field', 'district'] as const;
export type TaxonomyKind = (typeof TAXONOMY_KINDS)[number];

export interface TaxonomyTerm {
  kind: TaxonomyKind;
  code: string;
  /** For sectors: the domain they belong to. */
  parentCode: string | null;
  labelZh: string;
  labelEn: string;
  sortOrder: number;
}

interface RawTerm {
  code: string;
  zh: string;
  en: string;
  domain?: string;
}

const SOURCE: Record<TaxonomyKind, RawTerm[]> = {
  domain: raw.domains,
  sector: raw.sectors,
  capability: raw.capabilities,
  industry_field: raw.industry_fields,
  district: raw.districts,
};

/** The project's own copy of the shared taxonomy, flattened; codes keep their meaning forever. */
export const TAXONOMY_TERMS: readonly TaxonomyTerm[] = TAXONOMY_KINDS.flatMap((kind) =>
  SOURCE[kind].map((t, i) => ({
    kind,
    code: t.code,
    parentCode: t.domain ?? null,
    labelZh: t.zh,
    labelEn: t.en,
    sortOrder: i,
  })),
);

export const TAXONOMY_VERSION: number = raw.version;

const byKey = new Map(TAXONOMY_TERMS.map((t) => [`${t.kind}:${t.code}`, t]));

export function findTerm(kind: TaxonomyKind, code: string): TaxonomyTerm | undefined {
  return byKey.get(`${kind}:${code}`);
}

export function isKnownCode(kind: TaxonomyKind, code: string): boolean {
  return byKey.has(`${kind}:${code}`);
}

export function codesOf(kind: TaxonomyKind): string[] {
  return TAXONOMY_TERMS.filter((t) => t.kind === kind).map((t) => t.code);
}

export function termLabel(kind: TaxonomyKind, code: string, locale: Locale): string {
  const t = findTerm(kind, code);
  if (!t) return code;
  return locale === 'en' ? t.labelEn : t.labelZh;
}

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Writes the taxonomy into `taxonomy_term`, inserting new terms and updating changed labels.
 * Returns how many rows changed, so a second run reports 0.
 */
export async function upsertTaxonomy(db: Queryable): Promise<number> {
  let changed = 0;
  for (const t of TAXONOMY_TERMS) {
    const rows = (await db.query(
      `INSERT INTO taxonomy_term (kind, code, parent_code, label_zh, label_en, sort_order)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (kind, code) DO UPDATE
         SET parent_code = EXCLUDED.parent_code, label_zh = EXCLUDED.label_zh,
             label_en = EXCLUDED.label_en, sort_order = EXCLUDED.sort_order
         WHERE (taxonomy_term.parent_code, taxonomy_term.label_zh, taxonomy_term.label_en, taxonomy_term.sort_order)
           IS DISTINCT FROM (EXCLUDED.parent_code, EXCLUDED.label_zh, EXCLUDED.label_en, EXCLUDED.sort_order)
       RETURNING code`,
      [t.kind, t.code, t.parentCode, t.labelZh, t.labelEn, t.sortOrder],
    )) as unknown[];
    changed += rows.length;
  }
  return changed;
}
