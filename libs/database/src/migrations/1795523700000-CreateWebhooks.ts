import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks per organisation: endpoints (URL, signing secret, subscribed event types) and one delivery
 * row per (endpoint, event key) — the unique key makes a repeated enqueue of the same event a no-op.
 */
export class CreateWebhooks1795523700000 implements MigrationInterface {
  name = 'CreateWebhooks1795523700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoint (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        url text NOT NULL CHECK (char_length(url) BETWEEN 1 AND 2000),
        secret text NOT NULL CHECK (char_length(secret) >= 32),
        event_types text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_webhook_endpoint_organisation ON webhook_endpoint (organisation_id)`);
    await q.query(`
      CREATE TABLE webhook_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
        event_key text NOT NULL CHECK (char_length(event_key) BETWEEN 1 AND 300),
        type text NOT NULL CHECK (char_length(type) BETWEEN 1 AND 100),
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed', 'dead')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz NULL,
        last_status_code integer NULL,
        last_error text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz NULL,
        CONSTRAINT uq_webhook_delivery_endpoint_event UNIQUE (endpoint_id, event_key)
      )`);
    // The organisation's and staff's lists (newest first, by status) and the sweep (open rows only).
    await q.query(
      `CREATE INDEX ix_webhook_delivery_endpoint ON webhook_delivery (endpoint_id, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX ix_webhook_delivery_status ON webhook_delivery (status, created_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX ix_webhook_delivery_open ON webhook_delivery (updated_at) WHERE status IN ('pending', 'failed')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_delivery`);
    await q.query(`DROP TABLE webhook_endpoint`);
  }
}
