import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery and acceptance (实施与验收): one delivery per winning proposal, its milestones (copied from
 * the proposal, changed only by agreement), progress reports with files, trial results against the
 * scenario's KPIs, acceptance rounds with the agency's and the centre's verdicts, and the citation of a
 * demonstration scenario. Replications are scenarios whose copied_from_id names the demonstration.
 */
export class CreateDelivery1795523300000 implements MigrationInterface {
  name = 'CreateDelivery1795523300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scenario_id uuid NOT NULL REFERENCES scenario (id),
        proposal_id uuid NOT NULL,
        award_decision_id uuid NOT NULL REFERENCES award_decision (id),
        lead_organisation_id uuid NOT NULL REFERENCES organisation (id),
        member_organisation_ids uuid[] NOT NULL,
        amount_yuan bigint NULL CHECK (amount_yuan >= 0),
        started_by uuid NOT NULL,
        started_at timestamptz NOT NULL,
        CONSTRAINT fk_delivery_proposal FOREIGN KEY (proposal_id, scenario_id) REFERENCES proposal (id, scenario_id),
        CONSTRAINT ux_delivery_proposal UNIQUE (proposal_id),
        CONSTRAINT ux_delivery_id_scenario UNIQUE (id, scenario_id),
        CONSTRAINT ck_delivery_lead_is_member CHECK (lead_organisation_id = ANY (member_organisation_ids))
      )`);
    await q.query(`CREATE INDEX ix_delivery_scenario ON delivery (scenario_id, started_at, id)`);

    await q.query(`
      CREATE TABLE delivery_milestone (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        delivery_id uuid NOT NULL REFERENCES delivery (id),
        seq int NOT NULL CHECK (seq >= 1),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        due_date date NOT NULL,
        deliverables text NOT NULL CHECK (char_length(deliverables) <= 2000),
        payment_percent numeric(5, 2) NULL CHECK (payment_percent BETWEEN 0 AND 100),
        status text NOT NULL CHECK (status IN ('pending', 'reported', 'completed')),
        reported_at timestamptz NULL,
        reported_by uuid NULL,
        completed_at timestamptz NULL,
        completed_by uuid NULL,
        return_reason text NULL CHECK (char_length(return_reason) <= 2000),
        due_notified_at timestamptz NULL,
        overdue_notified_at timestamptz NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_delivery_milestone_seq UNIQUE (delivery_id, seq),
        CONSTRAINT ux_delivery_milestone_id_delivery UNIQUE (id, delivery_id),
        CONSTRAINT ck_delivery_milestone_reported CHECK ((status = 'pending') = (reported_at IS NULL)),
        CONSTRAINT ck_delivery_milestone_completed CHECK ((status = 'completed') = (completed_at IS NOT NULL))
      )`);
    // The milestone sweep reads pending milestones by due date.
    await q.query(
      `CREATE INDEX ix_delivery_milestone_pending_due ON delivery_milestone (due_date, id) WHERE status = 'pending'`,
    );

    await q.query(`
      CREATE TABLE milestone_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        milestone_id uuid NOT NULL REFERENCES delivery_milestone (id),
        proposed_by_party text NOT NULL CHECK (proposed_by_party IN ('vendor', 'agency')),
        proposed_by uuid NOT NULL,
        proposed_by_organisation_id uuid NOT NULL REFERENCES organisation (id),
        reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 2000),
        changes jsonb NOT NULL CHECK (jsonb_typeof(changes) = 'object' AND changes <> '{}'::jsonb),
        before jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('proposed', 'agreed', 'refused')),
        answered_by uuid NULL,
        answered_by_organisation_id uuid NULL REFERENCES organisation (id),
        answer_comment text NULL CHECK (char_length(answer_comment) <= 2000),
        answered_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_milestone_change_answered CHECK ((status = 'proposed') = (answered_at IS NULL)
          AND (answered_at IS NULL) = (answered_by IS NULL))
      )`);
    // At most one change awaiting an answer per milestone.
    await q.query(
      `CREATE UNIQUE INDEX ux_milestone_change_open ON milestone_change (milestone_id) WHERE status = 'proposed'`,
    );
    await q.query(`CREATE INDEX ix_milestone_change_milestone ON milestone_change (milestone_id, created_at, id)`);

    await q.query(`
      CREATE TABLE progress_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        delivery_id uuid NOT NULL REFERENCES delivery (id),
        milestone_id uuid NULL,
        text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 10000),
        percent_complete int NOT NULL CHECK (percent_complete BETWEEN 0 AND 100),
        reported_by uuid NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_progress_report_milestone FOREIGN KEY (milestone_id, delivery_id)
          REFERENCES delivery_milestone (id, delivery_id)
      )`);
    await q.query(`CREATE INDEX ix_progress_report_delivery ON progress_report (delivery_id, created_at, id)`);
    await q.query(`
      CREATE TABLE progress_report_attachment (
        id uuid PRIMARY KEY,
        report_id uuid NOT NULL REFERENCES progress_report (id),
        file_name text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 200),
        media_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL,
        uploaded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_progress_report_attachment_storage_key UNIQUE (storage_key)
      )`);
    await q.query(
      `CREATE INDEX ix_progress_report_attachment_report ON progress_report_attachment (report_id, created_at, id)`,
    );

    await q.query(`
      CREATE TABLE trial_result (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scenario_id uuid NOT NULL REFERENCES scenario (id),
        delivery_id uuid NULL,
        metric text NOT NULL CHECK (char_length(metric) BETWEEN 1 AND 100),
        baseline text NOT NULL,
        target text NOT NULL,
        unit text NOT NULL,
        measured_value text NOT NULL CHECK (char_length(measured_value) BETWEEN 1 AND 100),
        met boolean NOT NULL,
        method text NOT NULL CHECK (char_length(method) BETWEEN 1 AND 2000),
        notes text NULL CHECK (char_length(notes) <= 5000),
        measured_at timestamptz NOT NULL,
        recorded_by uuid NOT NULL,
        recorded_by_party text NOT NULL CHECK (recorded_by_party IN ('agency', 'centre')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_trial_result_delivery FOREIGN KEY (delivery_id, scenario_id) REFERENCES delivery (id, scenario_id)
      )`);
    await q.query(`CREATE INDEX ix_trial_result_scenario ON trial_result (scenario_id, measured_at, id)`);

    await q.query(`
      CREATE TABLE acceptance_round (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scenario_id uuid NOT NULL REFERENCES scenario (id),
        round_no int NOT NULL CHECK (round_no >= 1),
        status text NOT NULL CHECK (status IN ('open', 'accepted', 'not_met')),
        opened_at timestamptz NOT NULL,
        closed_at timestamptz NULL,
        closed_by uuid NULL,
        CONSTRAINT ux_acceptance_round_no UNIQUE (scenario_id, round_no),
        CONSTRAINT ck_acceptance_round_closed CHECK ((status = 'open') = (closed_at IS NULL))
      )`);
    // One open round per scenario at a time.
    await q.query(
      `CREATE UNIQUE INDEX ux_acceptance_round_open ON acceptance_round (scenario_id) WHERE status = 'open'`,
    );
    await q.query(`
      CREATE TABLE acceptance_verdict (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES acceptance_round (id),
        party text NOT NULL CHECK (party IN ('agency', 'centre')),
        verdict text NOT NULL CHECK (verdict IN ('met', 'partially_met', 'not_met')),
        comments text NULL CHECK (char_length(comments) <= 5000),
        recorded_by uuid NOT NULL,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT ux_acceptance_verdict_party UNIQUE (round_id, party),
        CONSTRAINT ck_acceptance_verdict_comments CHECK (verdict = 'met' OR btrim(coalesce(comments, '')) <> '')
      )`);

    await q.query(`
      CREATE TABLE demonstration_designation (
        scenario_id uuid PRIMARY KEY REFERENCES scenario (id),
        citation text NOT NULL CHECK (char_length(citation) BETWEEN 1 AND 2000),
        designated_by uuid NOT NULL,
        designated_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE demonstration_designation`);
    await q.query(`DROP TABLE acceptance_verdict`);
    await q.query(`DROP TABLE acceptance_round`);
    await q.query(`DROP TABLE trial_result`);
    await q.query(`DROP TABLE progress_report_attachment`);
    await q.query(`DROP TABLE progress_report`);
    await q.query(`DROP TABLE milestone_change`);
    await q.query(`DROP TABLE delivery_milestone`);
    await q.query(`DROP TABLE delivery`);
  }
}
