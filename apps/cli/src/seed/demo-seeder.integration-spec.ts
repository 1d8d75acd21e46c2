import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { ROLES } from '@app/common';
import { AppConfig } from '@app/config';
import { AuditVerifier } from '@app/audit';
import { Passwords, validateUscc } from '@app/identity';
import { PublicScenarioService, VettingService } from '@app/scenarios';
import { ProposalService } from '@app/proposals';
import { PublicVendorService } from '@app/vendors';
import { TAXONOMY_TERMS } from '@app/taxonomy';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { CliError } from '../cli-errors';
import type { Progress } from '../cli-output';
import { CliDataModule } from '../cli-data.module';
import { DEMO_ACCOUNTS, DEMO_AGENCIES, DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_VENDORS } from './demo-data';
import { DemoSeeder } from './demo-seeder';
import { DEMO_SCENARIOS } from './demo-scenarios';
import { DEMO_SEARCH_QUERIES } from './demo-search-queries';
import { DEMO_HISTORY, DEMO_OPEN_PROPOSALS } from './demo-history';
import { DEMO_VENDOR_PROFILES } from './demo-vendor-profiles';

const demoCount = (status: string) => DEMO_SCENARIOS.filter((s) => s.status === status).length;

/** Everything a seed run could touch: row counts, last change times, the audit chain and the outbox. */
async function snapshot(ds: DataSource) {
  const [row] = (await ds.query(`
    SELECT (SELECT count(*)::int FROM organisation) AS organisations,
           (SELECT max(updated_at) FROM organisation) AS organisations_updated,
           (SELECT count(*)::int FROM app_user) AS users,
           (SELECT max(updated_at) FROM app_user) AS users_updated,
           (SELECT count(*)::int FROM taxonomy_term) AS terms,
           (SELECT count(*)::int FROM scenario) AS scenarios,
           (SELECT max(updated_at) FROM scenario) AS scenarios_updated,
           (SELECT string_agg(status || ':' || n, ',' ORDER BY status)
              FROM (SELECT status, count(*) AS n FROM scenario GROUP BY status) x) AS scenario_statuses,
           (SELECT count(*)::int FROM scenario_review) AS scenario_reviews,
           (SELECT count(*)::int FROM scenario_batch) AS batches,
           (SELECT max(updated_at) FROM scenario_batch) AS batches_updated,
           (SELECT count(*)::int FROM audit_record) AS audit_records,
           (SELECT max(id)::text FROM audit_record) AS last_audit_id,
           (SELECT count(*)::int FROM outbox_event) AS outbox_events`)) as Record<string, unknown>[];
  return row;
}

describe('DemoSeeder (real Postgres)', () => {
  let db: TestDatabase;
  let moduleRef: TestingModule;
  let seeder: DemoSeeder;
  let ds: DataSource;
  const savedUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    process.env.DATABASE_POOL_SIZE = '4';
    moduleRef = await Test.createTestingModule({ imports: [CliDataModule] }).compile();
    await moduleRef.init();
    seeder = moduleRef.get(DemoSeeder);
    ds = moduleRef.get(DataSource);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await db?.drop();
    process.env.DATABASE_URL = savedUrl;
  });

  it('refuses to create demo accounts in production and writes nothing', async () => {
    const config = moduleRef.get(AppConfig);
    const before = await snapshot(ds);
    config.NODE_ENV = 'production';
    try {
      await expect(seeder.seed()).rejects.toEqual(new CliError('CLI_SEED_REFUSED_IN_PRODUCTION'));
    } finally {
      config.NODE_ENV = 'test';
    }
    expect(await snapshot(ds)).toEqual(before);
  });

  it('creates the centre, agencies, vendors, accounts and scenarios on the first run, all audited', async () => {
    const progress: Progress[] = [];
    const report = await seeder.seed({ onProgress: (p) => progress.push(p) });

    // The test database's template already holds the taxonomy.
    expect(report).toEqual({
      taxonomyTermsChanged: 0,
      organisationsCreated: DEMO_ORGANISATIONS.length,
      usersCreated: DEMO_ACCOUNTS.length,
      scenariosCreated: DEMO_SCENARIOS.length,
      batchesCreated: 1,
      vendorProfilesCreated: DEMO_VENDOR_PROFILES.length,
      historicScenariosCreated: DEMO_HISTORY.length,
      proposalsCreated: DEMO_OPEN_PROPOSALS.length,
      created:
        DEMO_ORGANISATIONS.length +
        DEMO_ACCOUNTS.length +
        DEMO_SCENARIOS.length +
        1 +
        DEMO_VENDOR_PROFILES.length +
        DEMO_HISTORY.length +
        DEMO_OPEN_PROPOSALS.length,
    });
    const finished = progress.filter((p) => p.done === p.total);
    expect(finished.map((p) => `[${p.step}/${p.steps}] ${p.label} ${p.done}/${p.total}`)).toEqual([
      `[1/10] taxonomy ${TAXONOMY_TERMS.length}/${TAXONOMY_TERMS.length}`,
      '[2/10] enablement centre and platform admin 1/1',
      `[3/10] agencies ${DEMO_AGENCIES.length}/${DEMO_AGENCIES.length}`,
      `[4/10] vendors ${DEMO_VENDORS.length}/${DEMO_VENDORS.length}`,
      `[5/10] demo accounts ${DEMO_ACCOUNTS.length}/${DEMO_ACCOUNTS.length}`,
      `[6/10] vendor capability profiles ${DEMO_VENDOR_PROFILES.length}/${DEMO_VENDOR_PROFILES.length}`,
      `[7/10] earlier batch through award, delivery and demonstration ${DEMO_HISTORY.length}/${DEMO_HISTORY.length}`,
      `[8/10] demo scenarios ${DEMO_SCENARIOS.length}/${DEMO_SCENARIOS.length}`,
      '[9/10] opportunity list batch 1/1',
      `[10/10] proposals on the open list ${DEMO_OPEN_PROPOSALS.length}/${DEMO_OPEN_PROPOSALS.length}`,
    ]);
    expect(finished.slice(7, 9).map((p) => p.created)).toEqual([DEMO_SCENARIOS.length, 1]);

    const orgs = (await ds.query(`SELECT type, name_zh, uscc, district_code, status FROM organisation`)) as {
      type: string;
      name_zh: string;
      uscc: string;
      district_code: string;
      status: string;
    }[];
    expect(orgs.filter((o) => o.type === 'enablement_centre')).toEqual([
      expect.objectContaining({ name_zh: '湖州市人工智能赋能中心', status: 'verified' }),
    ]);
    expect(orgs.find((o) => o.name_zh === '湖州市经济和信息化局')).toMatchObject({
      type: 'agency',
      status: 'verified',
    });
    expect(orgs.filter((o) => o.type === 'agency')).toHaveLength(DEMO_AGENCIES.length);
    const vendors = orgs.filter((o) => o.type === 'vendor');
    expect(vendors.length).toBeGreaterThanOrEqual(12);
    expect(vendors.filter((v) => v.status === 'pending')).toHaveLength(2);
    for (const o of orgs) expect([o.name_zh, validateUscc(o.uscc).valid]).toEqual([o.name_zh, true]);

    const users = (await ds.query(
      `SELECT u.email, u.role, o.name_zh AS organisation FROM app_user u LEFT JOIN organisation o ON o.id = u.organisation_id`,
    )) as { email: string; role: string; organisation: string | null }[];
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(ROLES));
    expect(users).toEqual(
      expect.arrayContaining(DEMO_ACCOUNTS.map(({ email, role, organisation }) => ({ email, role, organisation }))),
    );

    // Every organisation and user has its audit record (a self-registered admin is in the
    // organisation's registration record), and the chain they form is intact.
    const [{ unaudited }] = (await ds.query(`
      SELECT count(*)::int AS unaudited FROM (
        SELECT id::text FROM organisation UNION ALL SELECT id::text FROM app_user
      ) x WHERE NOT EXISTS (
        SELECT 1 FROM audit_record r WHERE r.object_id = x.id OR r.after->>'adminUserId' = x.id)`)) as {
      unaudited: number;
    }[];
    expect(unaudited).toBe(0);
    // The current list's scenarios and batch (the earlier batch's cycle has its own test below).
    const [{ ids }] = (await ds.query(
      `SELECT array_agg(id::text) || array_agg(DISTINCT batch_id::text) FILTER (WHERE batch_id IS NOT NULL) AS ids
         FROM scenario WHERE title = ANY ($1) AND copied_from_id IS NULL`,
      [DEMO_SCENARIOS.map((d) => d.fields.title)],
    )) as { ids: string[] }[];
    const actions = (await ds.query(
      `SELECT action, count(*)::int AS n FROM audit_record
        WHERE action LIKE 'organisation.%' OR action LIKE 'user.%' OR object_id = ANY ($1)
        GROUP BY action ORDER BY action`,
      [ids],
    )) as { action: string; n: number }[];
    const published = demoCount('published');
    const vetted = published + demoCount('approved') + demoCount('returned');
    const submitted = DEMO_SCENARIOS.length - demoCount('draft');
    expect(actions).toEqual([
      { action: 'organisation.create', n: DEMO_ORGANISATIONS.length - 2 },
      { action: 'organisation.register', n: 2 },
      { action: 'scenario.approve', n: published + demoCount('approved') },
      { action: 'scenario.create', n: DEMO_SCENARIOS.length },
      { action: 'scenario.publish', n: published },
      { action: 'scenario.return', n: demoCount('returned') },
      { action: 'scenario.submit', n: submitted },
      { action: 'scenario.update', n: DEMO_SCENARIOS.length },
      { action: 'scenario_batch.add_scenarios', n: 1 },
      { action: 'scenario_batch.create', n: 1 },
      { action: 'scenario_batch.publish', n: 1 },
      { action: 'user.add_member', n: DEMO_ACCOUNTS.length - 2 - 1 - 2 },
      { action: 'user.add_reviewer', n: 2 },
      { action: 'user.bootstrap_admin', n: 1 },
    ]);
    // Every scenario write also announced itself in the outbox (created, updated, each transition).
    const events = (await ds.query(
      `SELECT type, count(*)::int AS n FROM outbox_event
        WHERE aggregate_type IN ('scenario', 'scenario_batch') AND aggregate_id::text = ANY ($1)
        GROUP BY type ORDER BY type`,
      [ids],
    )) as { type: string; n: number }[];
    expect(events).toEqual([
      { type: 'scenario.created', n: DEMO_SCENARIOS.length },
      { type: 'scenario.transitioned', n: submitted + vetted + published },
      { type: 'scenario.updated', n: DEMO_SCENARIOS.length },
      { type: 'scenario_batch.created', n: 1 },
      { type: 'scenario_batch.published', n: 1 },
    ]);

    // Where each scenario was left: drafts, a vetting queue, one returned with comments, one approved
    // for the next batch and the rest published in 2026年第1批 (or the current year's) with future deadlines.
    const statuses = (await ds.query(
      `SELECT status, count(*)::int AS n FROM scenario WHERE id::text = ANY ($1) GROUP BY status ORDER BY status`,
      [ids],
    )) as { status: string; n: number }[];
    expect(statuses).toEqual(
      ['approved', 'draft', 'published', 'returned', 'submitted'].map((status) => ({ status, n: demoCount(status) })),
    );
    // The earlier batch is 第1批 (published months ago), the current list 第2批.
    const batches = (await ds.query(`SELECT title, status FROM scenario_batch ORDER BY number`)) as {
      title: string;
      status: string;
    }[];
    expect(batches).toEqual([
      { title: expect.stringMatching(/^\d{4}年第1批场景机会清单$/), status: 'published' },
      { title: expect.stringMatching(/^\d{4}年第2批场景机会清单$/), status: 'published' },
    ]);
    const [{ past }] = (await ds.query(
      `SELECT count(*)::int AS past FROM scenario
        WHERE id::text = ANY ($1) AND proposal_deadline <= now() + interval '14 days'`,
      [ids],
    )) as { past: number }[];
    expect(past).toBe(0);
    const domains = (await ds.query(
      `SELECT DISTINCT domain FROM scenario WHERE status = 'published' ORDER BY domain`,
    )) as { domain: string }[];
    expect(domains.map((d) => d.domain)).toEqual(['agriculture', 'culture_tourism', 'manufacturing', 'transport']);
    expect((await moduleRef.get(VettingService).queue()).length).toBe(demoCount('submitted'));
    const [review] = (await ds.query(`SELECT r.field_comments FROM scenario_review r WHERE r.decision = 'return'`)) as {
      field_comments: Record<string, string>;
    }[];
    expect(Object.keys(review.field_comments).length).toBeGreaterThan(0);
    expect(await moduleRef.get(AuditVerifier).verify()).toMatchObject({ ok: true });
  });

  it('creates nothing and changes no row on a second run', async () => {
    const before = await snapshot(ds);
    const progress: Progress[] = [];
    const report = await seeder.seed({ onProgress: (p) => progress.push(p) });
    expect(report).toEqual({
      taxonomyTermsChanged: 0,
      organisationsCreated: 0,
      usersCreated: 0,
      scenariosCreated: 0,
      batchesCreated: 0,
      vendorProfilesCreated: 0,
      historicScenariosCreated: 0,
      proposalsCreated: 0,
      created: 0,
    });
    expect(progress.every((p) => p.created === 0)).toBe(true);
    expect(await snapshot(ds)).toEqual(before);
  });

  it('replays the earlier batch through proposals, evaluation, award, delivery, acceptance and demonstration', async () => {
    const historic = (await ds.query(
      `SELECT s.id, s.title, s.status, s.award_notice, s.proposal_deadline < now() AS past,
              (SELECT count(*)::int FROM proposal p WHERE p.scenario_id = s.id) AS proposals,
              (SELECT string_agg(p.status, ',' ORDER BY p.status) FROM proposal p WHERE p.scenario_id = s.id) AS outcomes,
              (SELECT count(*)::int FROM score sc JOIN evaluation e ON e.id = sc.evaluation_id WHERE e.scenario_id = s.id) AS scores
         FROM scenario s WHERE s.title = ANY ($1) AND s.copied_from_id IS NULL ORDER BY s.title`,
      [DEMO_HISTORY.map((h) => h.fields.title)],
    )) as {
      id: string;
      title: string;
      status: string;
      award_notice: { winners: unknown[] } | null;
      past: boolean;
      proposals: number;
      outcomes: string;
      scores: number;
    }[];
    expect(historic.map((h) => [h.status, h.past, h.proposals, h.outcomes, h.award_notice?.winners.length])).toEqual(
      expect.arrayContaining([
        ['demonstration', true, 2, 'awarded,unsuccessful', 1],
        ['in_delivery', true, 2, 'awarded,unsuccessful', 1],
      ]),
    );
    // Two reviewers × two proposals × three criteria each.
    expect(historic.map((h) => h.scores)).toEqual([12, 12]);

    const demonstration = historic.find((h) => h.status === 'demonstration')!;
    const detail = await moduleRef.get(PublicScenarioService).get(demonstration.id);
    expect(detail).toMatchObject({ status: 'demonstration', replicationCount: 1 });
    const milestones = (await ds.query(
      `SELECT s.status AS scenario, m.status, m.due_date < now() AS due
         FROM delivery_milestone m JOIN delivery d ON d.id = m.delivery_id JOIN scenario s ON s.id = d.scenario_id
        WHERE s.id = ANY ($1) ORDER BY s.status, m.due_date`,
      [historic.map((h) => h.id)],
    )) as { scenario: string; status: string; due: boolean }[];
    expect(milestones).toEqual([
      { scenario: 'demonstration', status: 'completed', due: true },
      { scenario: 'demonstration', status: 'completed', due: true },
      { scenario: 'in_delivery', status: 'completed', due: true },
      { scenario: 'in_delivery', status: 'pending', due: false },
    ]);
    // The demonstration's winners list it as a verified past case on the capability list.
    const winners = (await ds.query(
      `SELECT pm.organisation_id FROM proposal p JOIN proposal_member pm ON pm.proposal_id = p.id
        WHERE p.scenario_id = $1 AND p.status = 'awarded'`,
      [demonstration.id],
    )) as { organisation_id: string }[];
    expect(winners).toHaveLength(2);
    for (const w of winners) {
      expect(await moduleRef.get(ProposalService).deliveredScenarioIdsOf(w.organisation_id)).toEqual([
        demonstration.id,
      ]);
      const profile = await moduleRef.get(PublicVendorService).get(w.organisation_id);
      expect(profile.pastCases.filter((c) => c.verified).map((c) => c.scenarioId)).toEqual([demonstration.id]);
    }

    // The open list's proposals, left in their demo states; still sealed (nobody but the vendors reads them).
    const open = (await ds.query(
      `SELECT p.status, count(*)::int AS n FROM proposal p JOIN scenario s ON s.id = p.scenario_id
        WHERE s.status = 'published' GROUP BY p.status ORDER BY p.status`,
    )) as { status: string; n: number }[];
    const byState = (state: string) => DEMO_OPEN_PROPOSALS.filter((p) => p.state === state).length;
    expect(open).toEqual([
      { status: 'draft', n: byState('draft') + byState('invited') },
      { status: 'submitted', n: byState('submitted') },
      { status: 'withdrawn', n: byState('withdrawn') },
    ]);

    // Every verified vendor with a profile is on the public capability list.
    const vendors = await moduleRef.get(PublicVendorService).list({ limit: 50 });
    const verified = DEMO_VENDOR_PROFILES.filter(
      (p) => DEMO_VENDORS.find((v) => v.key === p.vendorKey)!.status === 'verified',
    );
    expect(vendors.items).toHaveLength(verified.length);
    expect(await moduleRef.get(AuditVerifier).verify()).toMatchObject({ ok: true });
  });

  it('lets the public list find demo scenarios by Chinese keyword', async () => {
    const list = moduleRef.get(PublicScenarioService);
    const top3 = async (q: string) => (await list.list({ q, limit: 3 })).items.map((i) => i.title);
    expect(await top3('童装')).toContain('织里童装面料瑕疵AI视觉检测');
    expect(await top3('湖羊')).toContain('湖羊智慧养殖个体识别与健康监测');
    expect(await top3('数字人 导游')).toContain('南浔古镇数字人导游与多语种智能讲解');
    expect(await top3('车路协同')).toContain('德清车路协同智能网联公交示范线');
    const all = await list.list({ limit: 50 });
    // The current list plus the earlier batch's two scenarios (in delivery, and a demonstration).
    expect(all.items).toHaveLength(demoCount('published') + DEMO_HISTORY.length);
    // A drafted, submitted or approved scenario is not on the public list.
    expect(all.items.map((i) => i.title)).not.toContain('纺织印染车间能耗优化与排产协同');
  });

  it('puts the right scenario in the top 3 for at least 90% of the labelled search queries', async () => {
    const list = moduleRef.get(PublicScenarioService);
    const published = new Set(DEMO_SCENARIOS.filter((s) => s.status === 'published').map((s) => s.fields.title));
    // The set itself: big enough, about published scenarios, and covering every kind of query.
    expect(DEMO_SEARCH_QUERIES.length).toBeGreaterThanOrEqual(40);
    expect(DEMO_SEARCH_QUERIES.filter((x) => !published.has(x.expected))).toEqual([]);
    for (const kind of ['title', 'other-words', 'mixed', 'english', 'two-char'])
      expect(DEMO_SEARCH_QUERIES.filter((x) => x.kind === kind).length).toBeGreaterThanOrEqual(5);

    const misses: string[] = [];
    for (const { q, expected } of DEMO_SEARCH_QUERIES) {
      const top3 = (await list.list({ q, limit: 3 })).items.map((i) => i.title);
      if (!top3.includes(expected)) misses.push(`${q} → [${top3.join(' | ')}] (wanted ${expected})`);
    }
    const hitRate = 1 - misses.length / DEMO_SEARCH_QUERIES.length;
    if (process.env.SEARCH_EVAL_VERBOSE) console.log(`top-3 hit rate ${hitRate.toFixed(3)}\n${misses.join('\n')}`);
    expect({ hitRate: hitRate >= 0.9, misses }).toEqual({ hitRate: true, misses: expect.any(Array) });
  });

  it('stores a hash of the demo password for every demo account', async () => {
    const rows = (await ds.query(`SELECT email, password_hash FROM app_user`)) as {
      email: string;
      password_hash: string;
    }[];
    const hashes = new Map(rows.map((r) => [r.email, r.password_hash]));
    const passwords = new Passwords();
    for (const { email } of DEMO_ACCOUNTS) {
      expect([email, await passwords.verify(hashes.get(email) ?? null, DEMO_PASSWORD)]).toEqual([email, true]);
    }
    expect(await passwords.verify(hashes.get(DEMO_ACCOUNTS[0].email)!, `${DEMO_PASSWORD}x`)).toBe(false);
  });
});
