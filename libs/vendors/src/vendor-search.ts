import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { buildTsvector, type WeightedField } from '@app/search';
import { findTerm, type TaxonomyKind } from '@app/taxonomy';
import { VendorProfileEntity } from './vendor-profile.entity';

export type SearchableVendor = Pick<
  VendorProfileEntity,
  | 'organisationId'
  | 'description'
  | 'products'
  | 'pastCases'
  | 'certifications'
  | 'domains'
  | 'capabilityCodes'
  | 'industryFields'
  | 'districts'
>;
export interface VendorNames {
  nameZh: string;
  nameEn: string | null;
}

/**
 * Markdown as readable text: for the search index and for list excerpts (which the highlighter
 * escapes). Drops markup characters, keeps link and image texts.
 */
export function markdownPlainText(markdown: string | null | undefined): string {
  if (!markdown) return '';
  return markdown
    .replace(/```[^\n]*\n?/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, '')
    .replace(/[*_`~|]+/g, '')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

function labels(kind: TaxonomyKind, codes: readonly string[]): string {
  return codes
    .flatMap((code) => {
      const term = findTerm(kind, code);
      return term ? [term.labelZh, term.labelEn] : [];
    })
    .join(' ');
}

/**
 * What the capability list's search indexes, by weight: the vendor's names and product names (A);
 * the description and product descriptions (B); past cases and certifications (C); taxonomy
 * labels in Chinese and English (D). The one place that decides this.
 */
export function vendorSearchFields(v: SearchableVendor, names: VendorNames): WeightedField[] {
  const join = (xs: (string | null | undefined)[]) => xs.filter(Boolean).join('\n');
  return [
    { text: join([names.nameZh, names.nameEn, ...v.products.map((p) => p.name)]), weight: 'A' },
    { text: join([markdownPlainText(v.description), ...v.products.map((p) => p.description)]), weight: 'B' },
    {
      text: join([
        ...v.pastCases.flatMap((c) => [c.title, c.client, c.outcome]),
        ...v.certifications.flatMap((c) => [c.name, c.issuer]),
      ]),
      weight: 'C',
    },
    {
      text: [
        labels('domain', v.domains),
        labels('capability', v.capabilityCodes),
        labels('industry_field', v.industryFields),
        labels('district', v.districts),
      ].join(' '),
      weight: 'D',
    },
  ];
}

/** Recomputes `vendor_profile.search_vector` for a saved profile; call whenever its text changes. */
export async function writeVendorSearchVector(em: EntityManager, v: SearchableVendor, names: VendorNames) {
  const { sql, params } = buildTsvector(vendorSearchFields(v, names), 1);
  await em.query(`UPDATE vendor_profile SET search_vector = ${sql} WHERE organisation_id = $${params.length + 1}`, [
    ...params,
    v.organisationId,
  ]);
}

/**
 * Rebuilds every profile's search vector, in keyset batches (one transaction each), after the
 * analyzer, the dictionary, the indexed fields or an organisation's name change. Only the derived
 * column is written: no version, audit or event.
 */
@Injectable()
export class VendorSearchIndexer {
  constructor(private readonly dataSource: DataSource) {}

  async reindexAll(options: { batchSize?: number } = {}): Promise<number> {
    const batchSize = options.batchSize ?? 200;
    let after = '00000000-0000-0000-0000-000000000000';
    let done = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (em) => {
        const rows = await em
          .getRepository(VendorProfileEntity)
          .createQueryBuilder('v')
          .where('v.organisation_id > :after', { after })
          .orderBy('v.organisation_id', 'ASC')
          .limit(batchSize)
          .getMany();
        const names = rows.length
          ? ((await em.query(`SELECT id, name_zh, name_en FROM organisation WHERE id = ANY ($1::uuid[])`, [
              rows.map((r) => r.organisationId),
            ])) as { id: string; name_zh: string; name_en: string | null }[])
          : [];
        const byId = new Map(names.map((n) => [n.id, { nameZh: n.name_zh, nameEn: n.name_en }]));
        for (const v of rows)
          await writeVendorSearchVector(em, v, byId.get(v.organisationId) ?? { nameZh: '', nameEn: null });
        return rows;
      });
      if (batch.length === 0) return done;
      done += batch.length;
      after = batch[batch.length - 1].organisationId;
    }
  }
}
