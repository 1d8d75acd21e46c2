import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files attached to scenarios (PDF, images, Office documents). The bytes are in the file storage under
 * `storage_key`; the row holds what was sniffed and measured while storing them.
 */
export class CreateScenarioAttachments1795522000200 implements MigrationInterface {
  name = 'CreateScenarioAttachments1795522000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scenario_attachment (
        id uuid PRIMARY KEY,
        scenario_id uuid NOT NULL REFERENCES scenario (id),
        file_name text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 200),
        media_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL,
        uploaded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_scenario_attachment_storage_key UNIQUE (storage_key)
      )`);
    await q.query(`CREATE INDEX ix_scenario_attachment_scenario ON scenario_attachment (scenario_id, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scenario_attachment`);
  }
}
