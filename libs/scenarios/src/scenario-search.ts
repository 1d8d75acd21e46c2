import type { EntityManager } from 'typeorm';
import { buildTsvector, type WeightedField } from '@app/search';
import { findTerm, type TaxonomyKind } from '@app/taxonomy';
import type { ScenarioEntity } from './scenario.entity';

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
