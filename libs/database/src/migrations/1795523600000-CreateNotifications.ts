import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notification pipeline (notify-core): the in-app inbox (exactly once per event and recipient), email
 * deliveries (at-least-once with an idempotency key, retried, failed ones visible to staff), the
 * per-vendor daily cap of matched-scenario notifications (a vendor hears of one scenario once) and the daily digest's once-per-user-and-day record.
 */
export class CreateNotifications1795523600000 implements MigrationInterface {
  name = 'CreateNotifications1795523600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_key text NOT NULL CHECK (char_length(event_key) BETWEEN 1 AND 300),
        recipient_user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        type text NOT NULL,
        params jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz NULL,
        CONSTRAINT ux_notification_event_recipient UNIQUE (event_key, recipient_user_id)
      )`);
    await q.query(`CREATE INDEX ix_notification_inbox ON notification (recipient_user_id, created_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX ix_notification_unread ON notification (recipient_user_id, created_at DESC, id DESC) WHERE read_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE notification_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notification_id uuid NULL REFERENCES notification (id) ON DELETE SET NULL,
        event_key text NOT NULL,
        recipient_user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        type text NOT NULL,
        params jsonb NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email')),
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'digest_pending', 'skipped')),
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        retries int NOT NULL DEFAULT 0 CHECK (retries >= 0),
        last_error text NULL,
        idempotency_key text NOT NULL,
        digest_day date NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz NULL,
        CONSTRAINT ux_notification_delivery_idempotency UNIQUE (idempotency_key),
        CONSTRAINT ux_notification_delivery_event UNIQUE (event_key, recipient_user_id, channel)
      )`);
    await q.query(
      `CREATE INDEX ix_notification_delivery_status ON notification_delivery (status, updated_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX ix_notification_delivery_digest ON notification_delivery (recipient_user_id, created_at)
         WHERE status = 'digest_pending'`,
    );
    await q.query(`
      CREATE TABLE notification_match_quota (
        organisation_id uuid NOT NULL,
        scenario_id uuid NOT NULL,
        day date NOT NULL,
        event_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, scenario_id)
      )`);
    await q.query(`CREATE INDEX ix_notification_match_quota_day ON notification_match_quota (organisation_id, day)`);
    await q.query(`
      CREATE TABLE notification_digest (
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        day date NOT NULL,
        items int NOT NULL CHECK (items >= 0),
        sent_at timestamptz NULL,
        PRIMARY KEY (user_id, day)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_digest`);
    await q.query(`DROP TABLE notification_match_quota`);
    await q.query(`DROP TABLE notification_delivery`);
    await q.query(`DROP TABLE notification`);
  }
}
