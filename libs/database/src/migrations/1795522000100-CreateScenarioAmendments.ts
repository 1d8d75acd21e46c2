import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Amendments (变更公告) to published scenarios: every version of the public-relevant fields is kept
 * (`scenario_version`, numbered 1, 2, 3 … per scenario; version 1 is the state as published, written
 * at the first amendment), and each amendment records its reason, the fields it changed and whether
 * it moved the proposal deadline.
 */
export class CreateScenarioAmendments1795522000100 implements MigrationInterface {
  name = 'CreateScenarioAmendments1795522000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scenario_version (
        scenario_id uuid NOT NULL REFERENCES scenario (id) ON DELETE CASCADE,
        version_no int NOT NULL CHECK (version_no > 0),
        snapshot jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scenario_id, version_no)
      )`);
    await q.query(`
      CREATE TABLE scenario_amendment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scenario_id uuid NOT NULL REFERENCES scenario (id) ON DELETE CASCADE,
        amendment_no int NOT NULL CHECK (amendment_no > 0),
        reason text NOT NULL,
        changed_fields text[] NOT NULL CHECK (cardinality(changed_fields) > 0),
        material boolean NOT NULL,
        deadline_before timestamptz NULL,
        deadline_after timestamptz NULL,
        deadline_extended boolean NOT NULL,
        from_version int NOT NULL,
        to_version int NOT NULL,
        amended_by uuid NOT NULL,
        amended_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_scenario_amendment_no UNIQUE (scenario_id, amendment_no),
        CONSTRAINT ck_scenario_amendment_versions CHECK (to_version = from_version + 1),
        CONSTRAINT fk_scenario_amendment_from FOREIGN KEY (scenario_id, from_version)
          REFERENCES scenario_version (scenario_id, version_no),
        CONSTRAINT fk_scenario_amendment_to FOREIGN KEY (scenario_id, to_version)
          REFERENCES scenario_version (scenario_id, version_no)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scenario_amendment`);
    await q.query(`DROP TABLE scenario_version`);
  }
}
