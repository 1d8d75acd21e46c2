import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batches (批次) of the opportunity list: numbered per year (`2026年第3批场景机会清单`), drafted by
 * the centre, published at once or scheduled. Scenarios join a batch through `scenario.batch_id`.
 */
export class CreateScenarioBatches1795521000100 implements MigrationInterface {
  name = 'CreateScenarioBatches1795521000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scenario_batch (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        number int NOT NULL CHECK (number > 0),
        title text NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'scheduled', 'published')),
        publish_at timestamptz NULL,
        published_at timestamptz NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CONSTRAINT ux_scenario_batch_year_number UNIQUE (year, number),
        CONSTRAINT ck_scenario_batch_scheduled CHECK (status <> 'scheduled' OR publish_at IS NOT NULL),
        CONSTRAINT ck_scenario_batch_published CHECK (status <> 'published' OR published_at IS NOT NULL)
      )`);
    await q.query(
      `ALTER TABLE scenario ADD CONSTRAINT fk_scenario_batch FOREIGN KEY (batch_id) REFERENCES scenario_batch (id)`,
    );
    await q.query(`CREATE INDEX ix_scenario_batch ON scenario (batch_id) WHERE batch_id IS NOT NULL`);
    // The deadline sweep: published scenarios by deadline.
    await q.query(
      `CREATE INDEX ix_scenario_published_deadline ON scenario (proposal_deadline, id) WHERE status = 'published'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_scenario_published_deadline`);
    await q.query(`DROP INDEX ix_scenario_batch`);
    await q.query(`ALTER TABLE scenario DROP CONSTRAINT fk_scenario_batch`);
    await q.query(`DROP TABLE scenario_batch`);
  }
}
