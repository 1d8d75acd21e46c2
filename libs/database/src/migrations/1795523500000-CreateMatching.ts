import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matching (供需对接, issue 5). The engine's analysed documents (jsonb, so worker threads get them
 * as they are) and the postings PostgreSQL generates candidates from: per vendor its BM25-like posting
 * weights, per open scenario its query weights; Σ query weight × posting weight over shared terms is
 * the engine's prescore. Corpus statistics (document frequencies over vendor documents) are kept here
 * too, updated as vendors change and rebuilt by the nightly rematch. `match_score` holds the exact
 * scores: a scenario's best vendors (`in_scenario_top`) and a vendor's best open scenarios
 * (`in_vendor_top`); a row with neither is deleted. Feedback and invitations are people's acts.
 */
export class CreateMatching1795523500000 implements MigrationInterface {
  name = 'CreateMatching1795523500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE match_vendor_doc (
        organisation_id uuid PRIMARY KEY REFERENCES organisation (id) ON DELETE CASCADE,
        doc jsonb NOT NULL,
        doc_length real NOT NULL CHECK (doc_length >= 0),
        profile_version int NOT NULL,
        accepted_deliveries int NOT NULL DEFAULT 0 CHECK (accepted_deliveries >= 0),
        scoring_version text NOT NULL,
        analysed_at timestamptz NOT NULL DEFAULT now()
      )`);
    // No foreign key: 10⁷ rows at bench scale; written and deleted with their document, in one transaction.
    await q.query(`
      CREATE TABLE match_vendor_posting (
        organisation_id uuid NOT NULL,
        term text NOT NULL,
        weight real NOT NULL CHECK (weight > 0),
        PRIMARY KEY (organisation_id, term)
      )`);
    // Candidate generation: an index-only scan per query term, best postings first.
    await q.query(
      `CREATE INDEX ix_match_vendor_posting_term ON match_vendor_posting (term, weight DESC) INCLUDE (organisation_id)`,
    );
    await q.query(`
      CREATE TABLE match_scenario_doc (
        scenario_id uuid PRIMARY KEY REFERENCES scenario (id) ON DELETE CASCADE,
        doc jsonb NOT NULL,
        scenario_version int NOT NULL,
        scoring_version text NOT NULL,
        analysed_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Postings exist only while the scenario is open (published).
    await q.query(`
      CREATE TABLE match_scenario_posting (
        scenario_id uuid NOT NULL,
        term text NOT NULL,
        weight real NOT NULL CHECK (weight > 0),
        PRIMARY KEY (scenario_id, term)
      )`);
    await q.query(
      `CREATE INDEX ix_match_scenario_posting_term ON match_scenario_posting (term, weight DESC) INCLUDE (scenario_id)`,
    );
    await q.query(`
      CREATE TABLE match_corpus (
        id smallint PRIMARY KEY CHECK (id = 1),
        doc_count int NOT NULL CHECK (doc_count >= 0),
        total_length double precision NOT NULL CHECK (total_length >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO match_corpus (id, doc_count, total_length) VALUES (1, 0, 0)`);
    await q.query(`
      CREATE TABLE match_term_df (
        term text PRIMARY KEY,
        df int NOT NULL CHECK (df > 0)
      )`);
    await q.query(`
      CREATE TABLE match_score (
        scenario_id uuid NOT NULL REFERENCES scenario (id) ON DELETE CASCADE,
        vendor_organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        score real NOT NULL CHECK (score BETWEEN 0 AND 100),
        components jsonb NOT NULL CHECK (jsonb_typeof(components) = 'array'),
        matched_terms text[] NOT NULL DEFAULT '{}',
        scoring_version text NOT NULL,
        in_scenario_top boolean NOT NULL DEFAULT false,
        in_vendor_top boolean NOT NULL DEFAULT false,
        computed_at timestamptz NOT NULL,
        PRIMARY KEY (scenario_id, vendor_organisation_id),
        CONSTRAINT ck_match_score_kept CHECK (in_scenario_top OR in_vendor_top)
      )`);
    await q.query(`CREATE INDEX ix_match_score_vendor ON match_score (vendor_organisation_id, score DESC)`);
    await q.query(`CREATE INDEX ix_match_score_scenario ON match_score (scenario_id, score DESC)`);
    await q.query(`
      CREATE TABLE match_feedback (
        vendor_organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        scenario_id uuid NOT NULL REFERENCES scenario (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('interested', 'not_relevant')),
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (vendor_organisation_id, scenario_id)
      )`);
    await q.query(`
      CREATE TABLE match_invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scenario_id uuid NOT NULL REFERENCES scenario (id) ON DELETE CASCADE,
        vendor_organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        invited_by uuid NOT NULL,
        message text NULL CHECK (char_length(message) <= 2000),
        created_at timestamptz NOT NULL,
        CONSTRAINT ux_match_invitation UNIQUE (scenario_id, vendor_organisation_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'match_invitation',
      'match_feedback',
      'match_score',
      'match_term_df',
      'match_corpus',
      'match_scenario_posting',
      'match_scenario_doc',
      'match_vendor_posting',
      'match_vendor_doc',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
