import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a scheduled publication was refused (a member's deadline had passed, a member was withdrawn…):
 * the batch goes back to draft and keeps the reason here until it is scheduled or published again.
 */
export class AddBatchPublicationError1795522000300 implements MigrationInterface {
  name = 'AddBatchPublicationError1795522000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scenario_batch ADD COLUMN publication_error jsonb NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scenario_batch DROP COLUMN publication_error`);
  }
}
