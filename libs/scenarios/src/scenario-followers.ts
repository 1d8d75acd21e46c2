import type { EntityManager } from 'typeorm';

/** How many users follow each of `scenarioIds` (0 for none). Shown to the owning agency and the centre only. */
export async function followerCounts(em: EntityManager, scenarioIds: string[]): Promise<Map<string, number>> {
  const counts = new Map(scenarioIds.map((id) => [id, 0]));
  if (!scenarioIds.length) return counts;
  const rows = (await em.query(
    `SELECT scenario_id, count(*)::int AS n FROM scenario_follow WHERE scenario_id = ANY ($1::uuid[]) GROUP BY scenario_id`,
    [scenarioIds],
  )) as { scenario_id: string; n: number }[];
  for (const r of rows) counts.set(r.scenario_id, r.n);
  return counts;
}
