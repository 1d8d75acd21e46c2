import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notification settings (notify-prefs): per-user preferences per notification type and channel
 * (a row only where the user chose something; defaults live in code), saved searches (list filters
 * that raise alerts) and the deadline reminders already written (once per scenario, deadline and
 * day count: a rerun writes nothing, an amended deadline gets reminders of its own).
 */
export class CreateNotificationSettings1795523650000 implements MigrationInterface {
  name = 'CreateNotificationSettings1795523650000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preference (
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        type text NOT NULL CHECK (char_length(type) BETWEEN 1 AND 100),
        channel text NOT NULL CHECK (channel IN ('in_app', 'email')),
        mode text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, type, channel),
        CONSTRAINT ck_notification_preference_mode CHECK (
          (channel = 'in_app' AND mode IN ('instant', 'off'))
          OR (channel = 'email' AND mode IN ('instant', 'digest', 'off')))
      )`);
    await q.query(`
      CREATE TABLE saved_search (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        filters jsonb NOT NULL CHECK (jsonb_typeof(filters) = 'object'),
        domains text[] NOT NULL DEFAULT '{}',
        sector text NULL,
        districts text[] NOT NULL DEFAULT '{}',
        capability_codes text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_saved_search_user ON saved_search (user_id, created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE scenario_deadline_reminder (
        scenario_id uuid NOT NULL REFERENCES scenario (id) ON DELETE CASCADE,
        proposal_deadline timestamptz NOT NULL,
        days_before smallint NOT NULL CHECK (days_before BETWEEN 1 AND 30),
        outbox_event_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scenario_id, proposal_deadline, days_before)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scenario_deadline_reminder`);
    await q.query(`DROP TABLE saved_search`);
    await q.query(`DROP TABLE notification_preference`);
  }
}
