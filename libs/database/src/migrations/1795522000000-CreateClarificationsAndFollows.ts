import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Q&A on published scenarios (澄清答疑): vendors ask, the owning agency answers, answers are public;
 * who asked is kept here for the asker's own view and never shown to anybody else. Follows: vendor
 * users watching a scenario (agencies see only the count). The reason a published scenario was
 * cancelled.
 */
export class CreateClarificationsAndFollows1795522000000 implements MigrationInterface {
  name = 'CreateClarificationsAndFollows1795522000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scenario_question (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scenario_id uuid NOT NULL REFERENCES scenario (id),
        asked_by_user_id uuid NOT NULL,
        asked_by_organisation_id uuid NOT NULL REFERENCES organisation (id),
        question text NOT NULL CHECK (char_length(question) BETWEEN 1 AND 2000),
        answer text NULL CHECK (char_length(answer) BETWEEN 1 AND 2000),
        answered_by uuid NULL,
        answered_at timestamptz NULL,
        asked_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_scenario_question_answered CHECK ((answer IS NULL) = (answered_at IS NULL)
          AND (answer IS NULL) = (answered_by IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_scenario_question_scenario ON scenario_question (scenario_id, asked_at)`);
    await q.query(`
      CREATE TABLE scenario_follow (
        scenario_id uuid NOT NULL REFERENCES scenario (id),
        user_id uuid NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scenario_id, user_id)
      )`);
    // "My followed scenarios", newest follow first (keyset on created_at, scenario_id).
    await q.query(
      `CREATE INDEX ix_scenario_follow_user ON scenario_follow (user_id, created_at DESC, scenario_id DESC)`,
    );
    await q.query(
      `ALTER TABLE scenario ADD COLUMN cancellation_reason text NULL CHECK (char_length(cancellation_reason) <= 2000)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scenario DROP COLUMN cancellation_reason`);
    await q.query(`DROP TABLE scenario_follow`);
    await q.query(`DROP TABLE scenario_question`);
  }
}
