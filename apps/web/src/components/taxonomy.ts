import data from '../../../../libs/taxonomy/src/taxonomy-data.json';
import { currentLanguage } from '../i18n';

/** The taxonomy the API validates against, bundled at build time (libs/taxonomy is the project's copy). */
export interface TaxonomyItem {
  code: string;
  zh: string;
  en: string;
  domain?: string;
}

export type TaxonomyKind = 'domains' | 'sectors' | 'capabilities' | 'industry_fields' | 'districts';

export const taxonomy = data as unknown as Record<TaxonomyKind, TaxonomyItem[]>;

const byKind = Object.fromEntries(
  (Object.keys(taxonomy) as TaxonomyKind[])
    .filter((k) => Array.isArray(taxonomy[k]))
    .map((k) => [k, new Map(taxonomy[k].map((item) => [item.code, item]))]),
) as Record<TaxonomyKind, Map<string, TaxonomyItem>>;

/** The label of a code in the current language; the code itself if unknown (never blank). */
export function label(kind: TaxonomyKind, code: string | null | undefined): string {
  if (!code) return '';
  const item = byKind[kind]?.get(code);
  if (!item) return code;
  return currentLanguage() === 'en' ? item.en : item.zh;
}

/** Options for a Select, sectors optionally limited to one domain. */
export function options(kind: TaxonomyKind, domain?: string): { value: string; label: string }[] {
  return taxonomy[kind]
    .filter((item) => !domain || kind !== 'sectors' || item.domain === domain)
    .map((item) => ({ value: item.code, label: currentLanguage() === 'en' ? item.en : item.zh }));
}
