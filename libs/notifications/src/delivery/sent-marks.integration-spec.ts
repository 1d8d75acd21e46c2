import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { SentMarks } from './sent-marks';

describe('SentMarks (group commit of sent marks, real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource({ type: 'postgres', url: db.url, poolSize: 4 }).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  /** `n` users with a pending email delivery each (the table freshly filled: no statistics yet). */
  async function pendingDeliveries(n: number, label: string): Promise<string[]> {
    const [org] = (await ds.query(
      `INSERT INTO organisation (type, name_zh, uscc, district_code, contact_name, contact_phone, contact_email, status)
       VALUES ('vendor', $1, '91330500MA' || substr(md5($1), 1, 8), '330502', '张三', '13800000000', 'a@b.test', 'verified')
       RETURNING id`,
      [label],
    )) as { id: string }[];
    const rows = (await ds.query(
      `WITH u AS (
         INSERT INTO app_user (email, password_hash, display_name, organisation_id, role)
         SELECT $2 || g || '@marks.test', 'x', 'u', $1, 'vendor_member' FROM generate_series(1, $3) g RETURNING id)
       INSERT INTO notification_delivery (event_key, recipient_user_id, type, params, channel, status, idempotency_key,
                                          created_at, updated_at)
       SELECT $2 || ':organisation.verification_result', u.id, 'organisation.verification_result', '{}', 'email',
              'pending', $2 || ':' || u.id || ':email', now(), now() FROM u
       RETURNING id`,
      [org.id, label, n],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  it('marks rows asked for together in few UPDATEs, each caller resolved only once its row is marked', async () => {
    const ids = await pendingDeliveries(40, 'batch');
    const marks = new SentMarks(ds, () => new Date());
    const seen: boolean[] = [];
    await Promise.all(
      ids.map(async (id) => {
        await marks.mark(id);
        const [row] = (await ds.query(`SELECT status FROM notification_delivery WHERE id = $1`, [id])) as {
          status: string;
        }[];
        seen.push(row.status === 'sent');
      }),
    );
    expect(seen).toHaveLength(40);
    expect(seen.every(Boolean)).toBe(true);
    expect(marks.stats.rows).toBe(40);
    expect(marks.stats.flushes).toBeLessThanOrEqual(3);
    const [counts] = (await ds.query(
      `SELECT count(*) FILTER (WHERE status = 'sent' AND sent_at IS NOT NULL AND attempts = 1)::int AS sent
         FROM notification_delivery WHERE id = ANY ($1::uuid[])`,
      [ids],
    )) as { sent: number }[];
    expect(counts.sent).toBe(40);
    await marks.release();
  });

  it('leaves rows that are no longer pending alone and goes by primary key on a table without statistics', async () => {
    const ids = await pendingDeliveries(3, 'guard');
    await ds.query(`UPDATE notification_delivery SET status = 'failed', attempts = 5 WHERE id = $1`, [ids[0]]);
    const marks = new SentMarks(ds, () => new Date());
    await Promise.all(ids.map((id) => marks.mark(id)));
    const rows = (await ds.query(
      `SELECT id, status, attempts FROM notification_delivery WHERE id = ANY ($1::uuid[]) ORDER BY id`,
      [ids],
    )) as { id: string; status: string; attempts: number }[];
    expect(rows.find((r) => r.id === ids[0])).toMatchObject({ status: 'failed', attempts: 5 });
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(2);
    const plan = (await ds.query(
      `EXPLAIN UPDATE notification_delivery SET status = 'sent' WHERE id = ANY ($1::uuid[]) AND (status = 'pending') IS TRUE`,
      [ids],
    )) as { 'QUERY PLAN': string }[];
    expect(plan.map((p) => p['QUERY PLAN']).join('\n')).not.toContain('ix_notification_delivery_status');
    await marks.release();
  });

  it('rejects every waiter of a failed UPDATE, and works again afterwards', async () => {
    const [id] = await pendingDeliveries(1, 'fail');
    const marks = new SentMarks(ds, () => new Date());
    await expect(marks.mark('not-a-uuid')).rejects.toThrow();
    await marks.mark(id);
    const [row] = (await ds.query(`SELECT status FROM notification_delivery WHERE id = $1`, [id])) as {
      status: string;
    }[];
    expect(row.status).toBe('sent');
    await marks.release();
  });
});
