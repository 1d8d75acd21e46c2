import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A delivery's idempotency key is derived from (event_key, recipient_user_id, channel), which
 * ux_notification_delivery_event already keeps unique: the second unique index on the long text key
 * only cost two index insertions per recipient (insert and the "sent" update) in every fan-out.
 * The fan-out's ON CONFLICT now names the event constraint.
 */
export class DropDeliveryIdempotencyUnique1795523800000 implements MigrationInterface {
  name = 'DropDeliveryIdempotencyUnique1795523800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_delivery DROP CONSTRAINT ux_notification_delivery_idempotency`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE notification_delivery ADD CONSTRAINT ux_notification_delivery_idempotency UNIQUE (idempotency_key)`,
    );
  }
}
