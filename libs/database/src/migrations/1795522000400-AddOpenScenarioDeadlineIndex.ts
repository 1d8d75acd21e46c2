import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Open scenarios, deadline soonest" is the list's most common question. On the all-statuses deadline
 * index, closed scenarios (deadlines in the past) come first and are skipped one by one; this
 * partial index holds only open ones, so the first page reads about one page of rows.
 */
export class AddOpenScenarioDeadlineIndex1795522000400 implements MigrationInterface {
  name = 'AddOpenScenarioDeadlineIndex1795522000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_scenario_open_deadline ON scenario ((coalesce(proposal_deadline, 'infinity'::timestamptz)), id)
       WHERE status = 'published'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_scenario_open_deadline`);
  }
}
