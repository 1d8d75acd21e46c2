import type { EntityManager } from 'typeorm';
import { ScenarioAmendmentEntity } from './amendment.entity';
import { AmendmentSummaryView } from './amendment.views';

/** The public amendment history of a scenario, oldest first: never who amended. */
export async function listPublicAmendments(em: EntityManager, scenarioId: string): Promise<AmendmentSummaryView[]> {
  const rows = await em.find(ScenarioAmendmentEntity, { where: { scenarioId }, order: { amendmentNo: 'ASC' } });
  return rows.map((a) => AmendmentSummaryView.of(a));
}
