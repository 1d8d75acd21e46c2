import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { dataSourceOptions } from '@app/database';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { NOTIFICATION_TYPES } from '../notification-types';
import { NotificationPreferenceService } from './notification-preference.service';
import { UnsubscribeLinks } from './unsubscribe-links';
import { UnsubscribeService } from './unsubscribe.service';

describe('notification preferences (Postgres)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let service: NotificationPreferenceService;
  let unsubscribe: UnsubscribeService;
  let links: UnsubscribeLinks;
  let users: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource({ ...dataSourceOptions(db.url, 5), entities: [] }).initialize();
    const [org] = (await ds.query(
      `INSERT INTO organisation (type, name_zh, uscc, district_code, contact_name, contact_phone, contact_email, status)
       VALUES ('vendor', '测试公司', '91330500MA0000000X', 'wuxing', '王', '0572-1234567', 'a@example.cn', 'verified')
       RETURNING id`,
    )) as { id: string }[];
    users = (
      (await ds.query(
        `INSERT INTO app_user (email, password_hash, display_name, organisation_id, role)
         SELECT 'u' || g || '@example.cn', 'x', '用户' || g, $1, 'vendor_member' FROM generate_series(1, 2000) g
         RETURNING id`,
        [org.id],
      )) as { id: string }[]
    ).map((r) => r.id);
    service = new NotificationPreferenceService(ds);
    links = new UnsubscribeLinks(loadConfig({}));
    unsubscribe = new UnsubscribeService(links, service);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('gives every asked user the defaults until they choose, then their choice, per type and channel', async () => {
    await service.update(users[0], {
      items: [
        { type: 'saved_search.matched', channel: 'email', mode: 'off' },
        { type: 'saved_search.matched', channel: 'in_app', mode: 'off' },
        { type: 'award.result', channel: 'email', mode: 'digest' },
      ],
    });
    await service.update(users[1], { items: [{ type: 'saved_search.matched', channel: 'email', mode: 'instant' }] });
    const unknown = randomUUID();
    const modes = await service.modesFor([...users, unknown], 'saved_search.matched');
    expect(modes.size).toBe(users.length + 1);
    expect(modes.get(users[0])).toEqual({ inApp: 'off', email: 'off' });
    expect(modes.get(users[1])).toEqual({ inApp: 'instant', email: 'instant' });
    expect(modes.get(users[2])).toEqual({ inApp: 'instant', email: 'digest' });
    expect(modes.get(unknown)).toEqual({ inApp: 'instant', email: 'digest' });
    // Another type is untouched by these choices.
    expect((await service.modesFor([users[1]], 'award.result')).get(users[1])).toEqual({
      inApp: 'instant',
      email: 'instant',
    });
    expect((await service.modesFor([users[0]], 'award.result')).get(users[0])).toEqual({
      inApp: 'instant',
      email: 'digest',
    });
    expect((await service.modesFor([], 'award.result')).size).toBe(0);
  });

  it('answers for 2000 users in one query, quickly', async () => {
    const started = performance.now();
    await service.modesFor(users, 'scenario.matched');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses in the database what the API refuses: a digest in-app', async () => {
    await expect(
      ds.query(
        `INSERT INTO notification_preference (user_id, type, channel, mode) VALUES ($1, 'award.result', 'in_app', 'digest')`,
        [users[3]],
      ),
    ).rejects.toThrow(/ck_notification_preference_mode/);
  });

  it('unsubscribes one type, or every type, by token; a forged token changes nothing; a gone user is fine', async () => {
    await unsubscribe.unsubscribe(links.tokenFor(users[4], 'objection.update'));
    expect((await service.modesFor([users[4]], 'objection.update')).get(users[4])?.email).toBe('off');
    expect((await service.modesFor([users[4]], 'award.result')).get(users[4])?.email).toBe('instant');
    await unsubscribe.unsubscribe(links.tokenFor(users[5], 'all'));
    for (const type of NOTIFICATION_TYPES)
      expect((await service.modesFor([users[5]], type)).get(users[5])).toEqual({ inApp: 'instant', email: 'off' });
    expect(() => unsubscribe.target('forged.token')).toThrow(/NOTIFICATION_UNSUBSCRIBE_TOKEN_INVALID/);
    await expect(unsubscribe.unsubscribe(links.tokenFor(randomUUID(), 'award.result'))).resolves.toMatchObject({
      type: 'award.result',
    });
  });
});
