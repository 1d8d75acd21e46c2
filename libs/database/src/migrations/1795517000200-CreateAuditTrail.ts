import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditTrail1795517000200 implements MigrationInterface {
  name = 'CreateAuditTrail1795517000200';

  async up(q: QueryRunner): Promise<void> {
    // bigserial (not GENERATED ALWAYS): the writer takes the id first because it is part of the hash.
    await q.query(`
      CREATE TABLE audit_record (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor_user_id uuid NULL,
        actor_role text NULL,
        actor_organisation_id uuid NULL,
        action text NOT NULL,
        object_type text NOT NULL,
        object_id text NOT NULL,
        before jsonb NULL,
        after jsonb NULL,
        request_id text NOT NULL,
        client_ip text NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL
      )`);
    // Each record has exactly one successor: a writer that read a stale head cannot fork the chain.
    await q.query(`CREATE UNIQUE INDEX ux_audit_record_prev_hash ON audit_record (prev_hash)`);
    await q.query(`CREATE INDEX ix_audit_record_object ON audit_record (object_type, object_id, id)`);
    await q.query(`CREATE INDEX ix_audit_record_actor ON audit_record (actor_user_id, id)`);
    await q.query(`CREATE INDEX ix_audit_record_occurred ON audit_record (occurred_at)`);
    await q.query(`
      CREATE FUNCTION audit_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_record is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_record_no_update_delete BEFORE UPDATE OR DELETE ON audit_record
      FOR EACH ROW EXECUTE FUNCTION audit_record_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
      FOR EACH STATEMENT EXECUTE FUNCTION audit_record_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_record`);
    await q.query(`DROP FUNCTION audit_record_append_only()`);
  }
}
