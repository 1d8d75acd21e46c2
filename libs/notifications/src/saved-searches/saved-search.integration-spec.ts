import { Client } from 'pg';
import type { Actor } from '@app/common';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { scenarioSetup } from '../../../../test/support/scenario-setup';
import { SavedSearchService } from './saved-search.service';

describe('saved searches matched against a newly published scenario (Postgres, the public list SQL)', () => {
  let t: TestApp;
  let pg: Client;
  let s: ReturnType<typeof scenarioSetup>;
  let service: SavedSearchService;
  let agency: Actor;
  let fabric: string;
  let tea: string;
  let approved: string;
  const users: Record<string, Actor> = {};
  const searchIds: Record<string, string> = {};

  async function save(key: string, filters: object, name = key): Promise<void> {
    users[key] ??= await s.organisation('vendor');
    const res = await s.call(users[key], 'POST', '/saved-searches', { name, filters });
    if (res.statusCode !== 201) throw new Error(`save ${key}: ${res.statusCode} ${res.body}`);
    searchIds[name] = res.json().id;
  }
  const matched = async (scenarioId: string) => {
    const ids = await service.usersMatchingScenario(scenarioId);
    return Object.keys(users)
      .filter((k) => ids.includes(users[k].userId))
      .sort();
  };

  beforeAll(async () => {
    t = await createTestApp();
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    s = scenarioSetup(t);
    service = t.app.get(SavedSearchService);
    agency = await s.organisation('agency');
    fabric = (
      await s.publishedScenario(agency, '童装面料瑕疵AI视觉检测', {
        privateFields: [],
        budgetMinYuan: 500_000,
        budgetMaxYuan: 1_500_000,
      })
    ).id;
    tea = (
      await s.publishedScenario(agency, '安吉白茶茶园病虫害无人机飞防', {
        domain: 'agriculture',
        sector: 'tea_bamboo',
        capabilityCodes: ['uav_drone', 'remote_sensing'],
        district: 'anji',
        summary: '安吉白茶茶园病虫害监测与精准施药，减少农药用量。',
        description: '## 背景\n安吉白茶种植面积大，病虫害监测依靠人工巡园，施药不均。'.repeat(3),
        kpis: [{ metric: '农药用量', baseline: '100', target: '70', unit: '%' }],
      })
    ).id;
    approved = (await s.approvedScenario(agency, '童装面料瑕疵检测（待发布）')).id;

    await save('keyword', { q: '瑕疵检测' });
    await save('synonym', { q: '缺陷' }); // 瑕疵/缺陷/疵点 are synonyms
    await save('agriculture', { domain: ['agriculture'] });
    await save('anyCapability', { capability: ['cv_inspection', 'uav_drone'] });
    await save('budget', { budgetMin: 1_000_000 });
    await save('tooRich', { budgetMin: 2_000_000 });
    await save('anjiDrone', { district: ['anji'], q: '无人机' });
    await save('strictWords', { q: '瑕疵 无人机' }); // every keyword must match: neither scenario has both
    await save('trl', { trl: 5 }); // both require TRL 6
    await save('second', { q: '完全不存在的词汇' }, 'second: nothing');
    await save('second', { domain: ['manufacturing'], sector: 'textile', district: ['wuxing'] }, 'second: textile');
    await save('sameAsKeyword', { q: '瑕疵检测' });
    await save('disabled', { domain: ['manufacturing'] });
    await pg.query(`UPDATE app_user SET status = 'disabled' WHERE id = $1`, [users.disabled.userId]);
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });

  it('finds the users whose filters the public list would show the scenario for', async () => {
    expect(await matched(fabric)).toEqual(
      ['anyCapability', 'budget', 'keyword', 'sameAsKeyword', 'second', 'synonym'].sort(),
    );
    expect(await matched(tea)).toEqual(['agriculture', 'anjiDrone', 'anyCapability'].sort());
  });

  it('names the first matching search of each user (one per user)', async () => {
    const matches = await service.matchesForScenario(fabric);
    const second = matches.filter((m) => m.userId === users.second.userId);
    expect(second).toEqual([
      { userId: users.second.userId, savedSearchId: searchIds['second: textile'], savedSearchName: 'second: textile' },
    ]);
    expect(new Set(matches.map((m) => m.userId)).size).toBe(matches.length);
  });

  it('agrees with the public list itself: a user matches when one of their filter sets lists the scenario', async () => {
    const { rows } = await pg.query<{ user_id: string; filters: Record<string, unknown> }>(
      `SELECT ss.user_id, ss.filters FROM saved_search ss JOIN app_user u ON u.id = ss.user_id AND u.status = 'active'`,
    );
    for (const scenarioId of [fabric, tea]) {
      const expected = new Set<string>();
      for (const row of rows) {
        const qs = new URLSearchParams(
          Object.entries(row.filters).map(([k, v]): [string, string] => [
            k,
            Array.isArray(v) ? v.join(',') : String(v),
          ]),
        );
        const list = (await t.request({ method: 'GET', url: `/api/v1/public/scenarios?${qs}&limit=50` })).json();
        // The list's any-word fallback is for browsing; an alert needs every keyword (a strict match).
        if (list.match === 'all' && (list.items as { id: string }[]).some((i) => i.id === scenarioId))
          expected.add(row.user_id);
      }
      expect((await service.usersMatchingScenario(scenarioId)).sort()).toEqual([...expected].sort());
    }
  });

  it('matches nothing for a scenario that is not public, or does not exist', async () => {
    expect(await service.usersMatchingScenario(approved)).toEqual([]);
    expect(await service.usersMatchingScenario('00000000-0000-4000-8000-000000000000')).toEqual([]);
  });

  it('stops matching once a search is deleted', async () => {
    const before = await matched(tea);
    expect(before).toContain('agriculture');
    const del = await s.call(users.agriculture, 'DELETE', `/saved-searches/${searchIds.agriculture}`);
    expect(del.statusCode).toBe(204);
    expect(await matched(tea)).toEqual(before.filter((k) => k !== 'agriculture'));
  });
});
