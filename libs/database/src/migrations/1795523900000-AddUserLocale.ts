import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The language a user reads emails in (zh-CN by default; the web app's language switch sets it). */
export class AddUserLocale1795523900000 implements MigrationInterface {
  name = 'AddUserLocale1795523900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE app_user ADD COLUMN locale text NOT NULL DEFAULT 'zh-CN' CONSTRAINT ck_app_user_locale CHECK (locale IN ('zh-CN', 'en'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP COLUMN locale`);
  }
}
