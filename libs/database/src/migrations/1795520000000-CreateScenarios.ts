import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scenarios (应用场景) posted by agencies, their vetting decisions, and the per-(year, domain) counter
 * behind the human-readable code `HZ-<year>-<DOMAIN>-<seq>` assigned at first submission.
 */
export class CreateScenarios1795520000000 implements MigrationInterface {
  name = 'CreateScenarios1795520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE scenario_code_counter (
        year int NOT NULL,
        domain text NOT NULL,
        last_seq int NOT NULL,
        PRIMARY KEY (year, domain)
      )`);
    await q.query(`
      CREATE TABLE scenario (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NULL,
        agency_organisation_id uuid NOT NULL REFERENCES organisation (id),
        created_by uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'published', 'closed',
          'under_evaluation', 'awarded', 'no_award', 'in_delivery', 'accepted', 'demonstration', 'rejected',
          'withdrawn', 'cancelled')),
        title text NOT NULL CHECK (char_length(title) <= 100),
        summary text NULL CHECK (char_length(summary) <= 500),
        description text NULL CHECK (char_length(description) <= 20000),
        domain text NOT NULL,
        sector text NULL,
        capability_codes text[] NOT NULL DEFAULT '{}',
        district text NULL,
        site text NULL CHECK (site IN ('agency_site', 'test_ground')),
        current_situation text NULL,
        kpis jsonb NOT NULL DEFAULT '[]',
        data_resources jsonb NOT NULL DEFAULT '[]',
        trl_required int NULL CHECK (trl_required BETWEEN 1 AND 9),
        compliance jsonb NULL,
        budget_min_yuan bigint NULL CHECK (budget_min_yuan >= 0),
        budget_max_yuan bigint NULL CHECK (budget_max_yuan >= 0),
        funding_type text NULL CHECK (funding_type IN ('agency_budget', 'subsidy', 'co_investment')),
        proposal_deadline timestamptz NULL,
        expected_delivery_months int NULL CHECK (expected_delivery_months > 0),
        contact jsonb NULL,
        private_fields text[] NOT NULL DEFAULT '{}'
          CHECK (private_fields <@ ARRAY['budget', 'contact', 'dataResources', 'currentSituation']::text[]),
        title_en text NULL,
        summary_en text NULL,
        copied_from_id uuid NULL REFERENCES scenario (id),
        batch_id uuid NULL,
        submitted_at timestamptz NULL,
        published_at timestamptz NULL,
        closed_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CONSTRAINT ux_scenario_code UNIQUE (code)
      )`);
    // "My scenarios by status" (keyset on created_at, id) and the vetting queue (oldest submission first).
    await q.query(
      `CREATE INDEX ix_scenario_agency_status ON scenario (agency_organisation_id, status, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX ix_scenario_vetting_queue ON scenario (submitted_at, id) WHERE status = 'submitted'`);
    await q.query(
      `CREATE INDEX ix_scenario_trgm ON scenario USING gin ((title || ' ' || coalesce(summary, '')) gin_trgm_ops)`,
    );
    await q.query(`CREATE INDEX ix_scenario_copied_from ON scenario (copied_from_id) WHERE copied_from_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE scenario_review (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scenario_id uuid NOT NULL REFERENCES scenario (id),
        decision text NOT NULL CHECK (decision IN ('approve', 'return', 'reject')),
        field_comments jsonb NOT NULL DEFAULT '{}',
        checklist jsonb NOT NULL,
        reason text NULL,
        decided_by uuid NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_scenario_review_scenario ON scenario_review (scenario_id, decided_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scenario_review`);
    await q.query(`DROP TABLE scenario`);
    await q.query(`DROP TABLE scenario_code_counter`);
    // Nothing else uses pg_trgm: a full revert leaves an empty schema.
    await q.query(`DROP EXTENSION IF EXISTS pg_trgm`);
  }
}
