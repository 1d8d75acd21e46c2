import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { buildTsvector, type WeightedField } from '@app/search';
import { findTerm, type TaxonomyKind } from '@app/taxonomy';
import { ScenarioEntity } from './scenario.entity';

type SearchableScenario = Pick<
  ScenarioEntity,
  | 'title'
  | 'summary'
  | 'titleEn'
  | 'summaryEn'
  | 'description'
  | 'currentSituation'
  | 'domain'
  | 'sector'
  | 'capabilityCodes'
  | 'district'
  | 'privateFields'
>;

function labels(kind: TaxonomyKind, codes: readonly (string | null | undefined)[]): string {
  return codes
    .flatMap((code) => {
      const term = code ? findTerm(kind, code) : undefined;
      return term ? [term.labelZh, term.labelEn] : [];
    })
    .join(' ');
}

/**
 * What the public search indexes, by weight: title (A); summary and the English title and summary
 * (B); description and current situation (C); taxonomy labels in Chinese and English (D).
 * The one place that decides this. A current situation the agency marked private is left out,
 * since the public search must not reveal text the public view hides.
 */
export function scenarioSearchFields(s: SearchableScenario): WeightedField[] {
  const situation = s.privateFields?.includes('currentSituation') ? null : s.currentSituation;
  return [
    { text: s.title, weight: 'A' },
    { text: [s.summary, s.titleEn, s.summaryEn].filter(Boolean).join('\n'), weight: 'B' },
    { text: [s.description, situation].filter(Boolean).join('\n'), weight: 'C' },
    {
      text: [
        labels('domain', [s.domain]),
        labels('sector', [s.sector]),
        labels('capability', s.capabilityCodes ?? []),
        labels('district', [s.district]),
      ].join(' '),
      weight: 'D',
    },
  ];
}

/** Recomputes `scenario.search_vector` for a saved scenario; call whenever its text changes. */
export async function writeScenarioSearchVector(em: EntityManager, s: SearchableScenario & { id: string }) {
  const { sql, params } = buildTsvector(scenarioSearchFields(s), 1);
  await em.query(`UPDATE scenario SET search_vector = ${sql} WHERE id = $${params.length + 1}`, [...params, s.id]);
}

/**
 * Rebuilds every scenario's search vector, in keyset batches of `batchSize` (one transaction each),
 * after the analyzer, the dictionary or the indexed fields change, and for rows saved before the
 * search column existed. Only the derived column is written: no version, audit or event.
 */
@Injectable()
export class ScenarioSearchIndexer {
  constructor(private readonly dataSource: DataSource) {}

  async reindexAll(options: { batchSize?: number; onBatch?: (done: number) => void } = {}): Promise<number> {
    const batchSize = options.batchSize ?? 500;
    let after = '00000000-0000-0000-0000-000000000000';
    let done = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (em) => {
        const rows = await em
          .getRepository(ScenarioEntity)
          .createQueryBuilder('s')
          .where('s.id > :after', { after })
          .orderBy('s.id', 'ASC')
          .limit(batchSize)
          .getMany();
        for (const s of rows) await writeScenarioSearchVector(em, s);
        return rows;
      });
      if (batch.length === 0) return done;
      done += batch.length;
      after = batch[batch.length - 1].id;
      options.onBatch?.(done);
    }
  }
}
