import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Expert evaluation (专家评审) and award (中榜): one evaluation per scenario with its rubric, the
 * panel of reviewers, their conflict-of-interest declarations per vendor organisation, their scores,
 * the award decision (one current per scenario; an upheld objection supersedes it) and vendors'
 * objections within the standstill. The public award notice is kept on the scenario, so the public
 * list and detail show it without reading the evaluation.
 */
export class CreateEvaluation1795523200000 implements MigrationInterface {
  name = 'CreateEvaluation1795523200000';

  async up(q: QueryRunner): Promise<void> {
    // A rubric: 1–20 criteria with unique non-empty keys, whole weights of at least 1 summing to 100,
    // scales of at least 1. (A CHECK may call an immutable function but not hold a subquery.)
    await q.query(`
      CREATE FUNCTION evaluation_rubric_valid(rubric jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN jsonb_typeof(rubric) <> 'array' THEN false ELSE
          jsonb_array_length(rubric) BETWEEN 1 AND 20
          AND (SELECT count(DISTINCT c->>'key') FROM jsonb_array_elements(rubric) c WHERE c->>'key' <> '')
            = jsonb_array_length(rubric)
          AND (SELECT bool_and(jsonb_typeof(c->'weight') = 'number' AND jsonb_typeof(c->'scaleMax') = 'number'
                 AND (c->>'weight')::numeric >= 1 AND (c->>'weight')::numeric % 1 = 0
                 AND (c->>'scaleMax')::numeric >= 1 AND (c->>'scaleMax')::numeric % 1 = 0)
               FROM jsonb_array_elements(rubric) c)
          AND (SELECT sum((c->>'weight')::numeric) FROM jsonb_array_elements(rubric) c) = 100
        END
      $$`);
    await q.query(`
      CREATE TABLE evaluation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scenario_id uuid NOT NULL REFERENCES scenario (id),
        status text NOT NULL DEFAULT 'setup' CHECK (status IN ('setup', 'scoring', 'closed', 'decided')),
        rubric jsonb NOT NULL CHECK (evaluation_rubric_valid(rubric)),
        blind_first_round boolean NOT NULL DEFAULT false,
        names_revealed_at timestamptz NULL,
        min_reviewers_per_proposal int NOT NULL DEFAULT 3 CHECK (min_reviewers_per_proposal BETWEEN 1 AND 20),
        disagreement_threshold double precision NOT NULL DEFAULT 15
          CHECK (disagreement_threshold >= 0 AND disagreement_threshold <= 100),
        created_by uuid NOT NULL,
        scoring_opened_at timestamptz NULL,
        closed_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CONSTRAINT ux_evaluation_scenario UNIQUE (scenario_id)
      )`);
    await q.query(`
      CREATE TABLE panel_member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        evaluation_id uuid NOT NULL REFERENCES evaluation (id),
        reviewer_id uuid NOT NULL REFERENCES app_user (id),
        assigned_by uuid NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        removed_by uuid NULL,
        removed_at timestamptz NULL,
        CONSTRAINT ck_panel_member_removed CHECK ((removed_at IS NULL) = (removed_by IS NULL))
      )`);
    // A reviewer sits on a panel once at a time; removed memberships stay for the record.
    await q.query(
      `CREATE UNIQUE INDEX ux_panel_member_current ON panel_member (evaluation_id, reviewer_id) WHERE removed_at IS NULL`,
    );
    await q.query(`CREATE INDEX ix_panel_member_reviewer ON panel_member (reviewer_id) WHERE removed_at IS NULL`);
    await q.query(`
      CREATE TABLE coi_declaration (
        evaluation_id uuid NOT NULL REFERENCES evaluation (id),
        reviewer_id uuid NOT NULL REFERENCES app_user (id),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        conflicted boolean NOT NULL,
        note text NULL CHECK (char_length(note) BETWEEN 1 AND 1000),
        declared_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (evaluation_id, reviewer_id, organisation_id)
      )`);
    await q.query(`
      CREATE TABLE score (
        evaluation_id uuid NOT NULL REFERENCES evaluation (id),
        reviewer_id uuid NOT NULL REFERENCES app_user (id),
        proposal_id uuid NOT NULL REFERENCES proposal (id),
        criterion_key text NOT NULL,
        value int NOT NULL CHECK (value BETWEEN 0 AND 100),
        comment text NULL CHECK (char_length(comment) BETWEEN 1 AND 2000),
        revision int NOT NULL DEFAULT 1 CHECK (revision >= 1),
        submitted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (evaluation_id, reviewer_id, proposal_id, criterion_key)
      )`);
    await q.query(`CREATE INDEX ix_score_proposal ON score (evaluation_id, proposal_id)`);
    await q.query(`
      CREATE TABLE award_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        evaluation_id uuid NOT NULL REFERENCES evaluation (id),
        scenario_id uuid NOT NULL REFERENCES scenario (id),
        outcome text NOT NULL CHECK (outcome IN ('award', 'no_award')),
        winners jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(winners) = 'array'),
        justification text NOT NULL CHECK (char_length(justification) BETWEEN 1 AND 5000),
        notice_summary text NOT NULL CHECK (char_length(notice_summary) BETWEEN 1 AND 5000),
        decided_by uuid NOT NULL,
        decided_at timestamptz NOT NULL,
        standstill_ends_at timestamptz NOT NULL,
        superseded_at timestamptz NULL,
        superseded_by_objection_id uuid NULL,
        CONSTRAINT ck_award_decision_winners CHECK ((outcome = 'award') = (jsonb_array_length(winners) > 0)),
        CONSTRAINT ck_award_decision_standstill CHECK (standstill_ends_at > decided_at),
        CONSTRAINT ck_award_decision_superseded
          CHECK ((superseded_at IS NULL) = (superseded_by_objection_id IS NULL))
      )`);
    // One current decision per scenario: a second concurrent one fails here even past the app's lock.
    await q.query(
      `CREATE UNIQUE INDEX ux_award_decision_current ON award_decision (scenario_id) WHERE superseded_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE objection (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        decision_id uuid NOT NULL REFERENCES award_decision (id),
        scenario_id uuid NOT NULL REFERENCES scenario (id),
        proposal_id uuid NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        lodged_by uuid NOT NULL,
        grounds text NOT NULL CHECK (char_length(grounds) BETWEEN 1 AND 5000),
        lodged_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'lodged' CHECK (status IN ('lodged', 'upheld', 'dismissed', 'lapsed')),
        reasons text NULL CHECK (char_length(reasons) BETWEEN 1 AND 5000),
        decided_by uuid NULL,
        decided_at timestamptz NULL,
        CONSTRAINT ck_objection_decided CHECK ((status = 'lodged') = (decided_at IS NULL)
          AND (decided_at IS NULL) = (decided_by IS NULL)
          AND (status IN ('lodged', 'lapsed') OR reasons IS NOT NULL)),
        -- The proposal is one of this scenario's.
        CONSTRAINT fk_objection_proposal FOREIGN KEY (proposal_id, scenario_id) REFERENCES proposal (id, scenario_id),
        -- One objection per proposal against each decision.
        CONSTRAINT ux_objection_decision_proposal UNIQUE (decision_id, proposal_id)
      )`);
    await q.query(`CREATE INDEX ix_objection_scenario ON objection (scenario_id, lodged_at)`);
    await q.query(`
      ALTER TABLE award_decision ADD CONSTRAINT fk_award_decision_superseded_by
        FOREIGN KEY (superseded_by_objection_id) REFERENCES objection (id)`);
    await q.query(`
      ALTER TABLE scenario ADD COLUMN award_notice jsonb NULL
        CHECK (award_notice IS NULL OR jsonb_typeof(award_notice) = 'object')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scenario DROP COLUMN award_notice`);
    await q.query(`ALTER TABLE award_decision DROP CONSTRAINT fk_award_decision_superseded_by`);
    await q.query(`DROP TABLE objection`);
    await q.query(`DROP TABLE award_decision`);
    await q.query(`DROP TABLE score`);
    await q.query(`DROP TABLE coi_declaration`);
    await q.query(`DROP TABLE panel_member`);
    await q.query(`DROP TABLE evaluation`);
    await q.query(`DROP FUNCTION evaluation_rubric_valid(jsonb)`);
  }
}
