import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTaxonomy1795517000000 implements MigrationInterface {
  name = 'CreateTaxonomy1795517000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE taxonomy_term (
        kind text NOT NULL CHECK (kind IN ('domain', 'sector', 'capability', 'industry_field', 'district')),
        code text NOT NULL CHECK (code ~ '^[a-z0-9_]{1,64}$'),
        parent_code text NULL,
        label_zh text NOT NULL,
        label_en text NOT NULL,
        sort_order integer NOT NULL DEFAULT 0,
        PRIMARY KEY (kind, code)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE taxonomy_term`);
  }
}
