import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit embargoes: records written under an embargo key stay out of the audit view until the embargo
 * is lifted (e.g. a scenario's proposal records until its proposals are opened). `audit_record` stays
 * append-only: a record names its key once, at insert; lifting changes `audit_embargo` only.
 * The key is visibility metadata, not part of the hash chain (`HashedAuditFields` does not cover it):
 * `audit:verify` walks and checks every record, embargoed or not, with the same hashes as before.
 */
export class AddAuditEmbargo1795523400000 implements MigrationInterface {
  name = 'AddAuditEmbargo1795523400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_embargo (
        key text PRIMARY KEY CHECK (key <> ''),
        created_at timestamptz NOT NULL DEFAULT now(),
        lifted_at timestamptz NULL
      )`);
    await q.query(`ALTER TABLE audit_record ADD COLUMN embargo_key text NULL REFERENCES audit_embargo (key)`);
    // The records under one embargo (what a lift releases); only embargoed records are indexed. The
    // audit view itself keeps its object/actor indexes and looks each record's embargo up by key.
    await q.query(`CREATE INDEX ix_audit_record_embargo ON audit_record (embargo_key) WHERE embargo_key IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_audit_record_embargo`);
    await q.query(`ALTER TABLE audit_record DROP COLUMN embargo_key`);
    await q.query(`DROP TABLE audit_embargo`);
  }
}
