import { MigrationInterface, QueryRunner } from 'typeorm';

/** Statuses shown on the public opportunity list; frozen here as the partial indexes' predicate. */
const PUBLIC = `status IN ('published', 'closed', 'under_evaluation', 'awarded', 'no_award', 'in_delivery', 'accepted',
  'demonstration')`;

/**
 * Full-text search and the public list. `search_vector` is computed by the application (jieba
 * segmentation, synonyms, taxonomy labels; see libs/scenarios/src/scenario-search.ts) whenever a
 * scenario's text changes; rows written before this migration keep an empty vector until re-saved.
 * The partial indexes serve the public list's keyset orders and its capability filter (`&&`).
 */
export class AddScenarioSearch1795521000000 implements MigrationInterface {
  name = 'AddScenarioSearch1795521000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scenario ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''`);
    await q.query(`CREATE INDEX ix_scenario_search ON scenario USING gin (search_vector)`);
    await q.query(
      `CREATE INDEX ix_scenario_public_newest ON scenario ((coalesce(published_at, created_at)) DESC, id DESC)
       WHERE ${PUBLIC}`,
    );
    await q.query(
      `CREATE INDEX ix_scenario_public_deadline ON scenario ((coalesce(proposal_deadline, 'infinity'::timestamptz)), id)
       WHERE ${PUBLIC}`,
    );
    await q.query(
      `CREATE INDEX ix_scenario_public_capabilities ON scenario USING gin (capability_codes) WHERE ${PUBLIC}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_scenario_public_capabilities`);
    await q.query(`DROP INDEX ix_scenario_public_deadline`);
    await q.query(`DROP INDEX ix_scenario_public_newest`);
    await q.query(`DROP INDEX ix_scenario_search`);
    await q.query(`ALTER TABLE scenario DROP COLUMN search_vector`);
  }
}
