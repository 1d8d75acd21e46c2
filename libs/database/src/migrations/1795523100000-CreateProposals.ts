import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sealed proposals (揭榜方案): the proposal with its content sealed (AES-256-GCM, see ProposalSealer),
 * the consortium (lead plus up to 4 members; a vendor takes part in at most one proposal per scenario),
 * sealed attachments (bytes in the file storage, sealed; the name sealed here) and the receipts issued
 * at submission (append-only).
 */
export class CreateProposals1795523100000 implements MigrationInterface {
  name = 'CreateProposals1795523100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE proposal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scenario_id uuid NOT NULL REFERENCES scenario (id),
        lead_organisation_id uuid NOT NULL REFERENCES organisation (id),
        status text NOT NULL CHECK (status IN ('draft', 'submitted', 'withdrawn', 'reconfirmation_required',
          'opened', 'not_opened', 'shortlisted', 'not_shortlisted', 'awarded', 'unsuccessful')),
        -- Version byte 1, IV, GCM tag, ciphertext of the canonical JSON content.
        sealed_content bytea NOT NULL CHECK (octet_length(sealed_content) > 29 AND get_byte(sealed_content, 0) = 1),
        submitted_at timestamptz NULL,
        -- The scenario's last amendment number when the proposal was last submitted or re-confirmed.
        confirmed_amendment_no int NOT NULL DEFAULT 0 CHECK (confirmed_amendment_no >= 0),
        receipt_id uuid NULL,
        version int NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_proposal_scenario_lead UNIQUE (scenario_id, lead_organisation_id),
        CONSTRAINT ux_proposal_id_scenario UNIQUE (id, scenario_id),
        CONSTRAINT ck_proposal_submitted CHECK (status IN ('draft', 'withdrawn')
          OR (submitted_at IS NOT NULL AND receipt_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_proposal_scenario_status ON proposal (scenario_id, status)`);

    await q.query(`
      CREATE TABLE proposal_member (
        proposal_id uuid NOT NULL,
        scenario_id uuid NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        role text NOT NULL CHECK (role IN ('lead', 'member')),
        status text NOT NULL CHECK (status IN ('invited', 'confirmed', 'declined')),
        invited_at timestamptz NOT NULL DEFAULT now(),
        confirmed_at timestamptz NULL,
        declined_at timestamptz NULL,
        PRIMARY KEY (proposal_id, organisation_id),
        CONSTRAINT fk_proposal_member_proposal FOREIGN KEY (proposal_id, scenario_id)
          REFERENCES proposal (id, scenario_id) ON DELETE CASCADE,
        CONSTRAINT ck_proposal_member_lead_confirmed CHECK (role = 'member' OR status = 'confirmed'),
        CONSTRAINT ck_proposal_member_confirmed CHECK ((status = 'confirmed') = (confirmed_at IS NOT NULL)),
        CONSTRAINT ck_proposal_member_declined CHECK ((status = 'declined') = (declined_at IS NOT NULL))
      )`);
    // Taking part (lead, or a member who confirmed) in at most one proposal per scenario. Invitations
    // do not count, so inviting a vendor never reveals whether it takes part elsewhere.
    await q.query(`
      CREATE UNIQUE INDEX ux_proposal_member_one_per_scenario ON proposal_member (scenario_id, organisation_id)
        WHERE status = 'confirmed'`);
    await q.query(
      `CREATE UNIQUE INDEX ux_proposal_member_one_lead ON proposal_member (proposal_id) WHERE role = 'lead'`,
    );
    await q.query(`CREATE INDEX ix_proposal_member_organisation ON proposal_member (organisation_id, proposal_id)`);

    await q.query(`
      CREATE TABLE proposal_attachment (
        id uuid PRIMARY KEY,
        proposal_id uuid NOT NULL REFERENCES proposal (id) ON DELETE CASCADE,
        sealed_file_name bytea NOT NULL CHECK (octet_length(sealed_file_name) > 29),
        media_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        -- Of the plain bytes (what the receipt names); the stored file is sealed.
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL,
        seal_iv bytea NOT NULL CHECK (octet_length(seal_iv) = 12),
        seal_tag bytea NOT NULL CHECK (octet_length(seal_tag) = 16),
        uploaded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_proposal_attachment_storage_key UNIQUE (storage_key)
      )`);
    await q.query(`CREATE INDEX ix_proposal_attachment_proposal ON proposal_attachment (proposal_id, created_at, id)`);

    await q.query(`
      CREATE TABLE proposal_receipt (
        id uuid PRIMARY KEY,
        proposal_id uuid NOT NULL REFERENCES proposal (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('submission', 'reconfirmation')),
        issued_at timestamptz NOT NULL,
        -- Exactly what was hashed (ids, hashes, sizes, the time): never content.
        document jsonb NOT NULL,
        receipt_sha256 text NOT NULL CHECK (receipt_sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ux_proposal_receipt_sha256 UNIQUE (receipt_sha256)
      )`);
    await q.query(`CREATE INDEX ix_proposal_receipt_proposal ON proposal_receipt (proposal_id, issued_at)`);
    await q.query(`
      ALTER TABLE proposal ADD CONSTRAINT fk_proposal_receipt FOREIGN KEY (receipt_id) REFERENCES proposal_receipt (id)`);
    await q.query(`
      CREATE FUNCTION proposal_receipt_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'proposal_receipt is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER proposal_receipt_no_update BEFORE UPDATE ON proposal_receipt
      FOR EACH ROW EXECUTE FUNCTION proposal_receipt_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE proposal DROP CONSTRAINT fk_proposal_receipt`);
    await q.query(`DROP TABLE proposal_receipt`);
    await q.query(`DROP FUNCTION proposal_receipt_append_only()`);
    await q.query(`DROP TABLE proposal_attachment`);
    await q.query(`DROP TABLE proposal_member`);
    await q.query(`DROP TABLE proposal`);
  }
}
