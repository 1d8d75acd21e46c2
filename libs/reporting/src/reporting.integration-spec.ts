import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import type { AppConfig } from '@app/config';
import { dataSourceOptions } from '@app/database';
import { codesOf } from '@app/taxonomy';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { randomUscc } from '../../../test/support/fixtures';
import { ReportingService } from './reporting.service';

const DAY = 86_400_000;
const RUBRIC = JSON.stringify([{ key: 't', name: '技术方案', weight: 100, scaleMax: 10, commentRequired: false }]);

/**
 * The read models over a small, hand-made history written straight into the tables (the services that
 * normally write them have their own tests): every stage of the funnel, a superseded award decision,
 * a cancelled scenario, sealed and withdrawn proposals, batches and agencies.
 */
describe('ReportingService (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let service: ReportingService;
  const now = new Date('2026-11-24T04:00:00Z');
  const ids: Record<string, string> = {};

  const q = <T = { id: string }>(sql: string, params: unknown[] = []) => ds.query(sql, params) as Promise<T[]>;

  async function organisation(type: 'agency' | 'vendor', name: string): Promise<string> {
    const [o] = await q(
      `INSERT INTO organisation (type, name_zh, uscc, district_code, contact_name, contact_phone, contact_email, status)
       VALUES ($1, $2, $3, 'wuxing', '王', '0572-1234567', 'a@example.cn', 'verified') RETURNING id`,
      [type, name, randomUscc(type === 'agency' ? '1' : '9')],
    );
    return o.id;
  }

  async function scenario(
    key: string,
    agency: string,
    s: { status: string; domain: string; district: string; publishedAt: string | null; batch?: string },
  ): Promise<string> {
    const [row] = await q(
      `INSERT INTO scenario (agency_organisation_id, created_by, status, title, domain, district, published_at, batch_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [agency, randomUUID(), s.status, `场景 ${key}`, s.domain, s.district, s.publishedAt, s.batch ?? null],
    );
    ids[key] = row.id;
    return row.id;
  }

  /** A proposal in `status`; anything past a draft gets its submission receipt, as the real flow does. */
  async function proposal(scenarioId: string, vendor: string, status: string): Promise<string> {
    const sealed = Buffer.concat([Buffer.from([1]), randomBytes(40)]);
    const [p] = await q(
      `INSERT INTO proposal (scenario_id, lead_organisation_id, status, sealed_content, created_by)
       VALUES ($1, $2, 'draft', $3, $4) RETURNING id`,
      [scenarioId, vendor, sealed, randomUUID()],
    );
    if (status === 'draft') return p.id;
    const receipt = randomUUID();
    await q(
      `INSERT INTO proposal_receipt (id, proposal_id, kind, issued_at, document, receipt_sha256)
       VALUES ($1, $2, 'submission', now(), '{}', $3)`,
      [receipt, p.id, randomBytes(32).toString('hex')],
    );
    await q(`UPDATE proposal SET status = $2, submitted_at = now(), receipt_id = $3 WHERE id = $1`, [
      p.id,
      status,
      receipt,
    ]);
    return p.id;
  }

  async function decision(
    scenarioId: string,
    outcome: 'award' | 'no_award',
    decidedAt: Date,
    proposalId: string = randomUUID(),
  ): Promise<string> {
    let [evaluation] = await q(`SELECT id FROM evaluation WHERE scenario_id = $1`, [scenarioId]);
    evaluation ??= (
      await q(`INSERT INTO evaluation (scenario_id, rubric, created_by) VALUES ($1, $2, $3) RETURNING id`, [
        scenarioId,
        RUBRIC,
        randomUUID(),
      ])
    )[0];
    const winners = outcome === 'award' ? JSON.stringify([{ proposalId, amountYuan: 1_000_000 }]) : '[]';
    const [d] = await q(
      `INSERT INTO award_decision (evaluation_id, scenario_id, outcome, winners, justification, notice_summary,
         decided_by, decided_at, standstill_ends_at)
       VALUES ($1, $2, $3, $4, '综合得分第一', '综合得分第一', $5, $6, $7) RETURNING id`,
      [evaluation.id, scenarioId, outcome, winners, randomUUID(), decidedAt, new Date(decidedAt.getTime() + 10 * DAY)],
    );
    return d.id;
  }

  const at = (iso: string) => new Date(iso);
  const plusDays = (iso: string, n: number) => new Date(at(iso).getTime() + n * DAY);

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, 2)).initialize();
    const clock = new Clock();
    jest.spyOn(clock, 'now').mockReturnValue(now);
    service = new ReportingService(ds, { PUBLIC_LIST_CACHE_SECONDS: 0 } as AppConfig, clock);

    const agencyA = await organisation('agency', '湖州市经济和信息化局');
    const agencyB = await organisation('agency', '湖州市农业农村局');
    const agencyC = await organisation('agency', '湖州市交通运输局');
    const [v1, v2] = [await organisation('vendor', '诺力智能'), await organisation('vendor', '牧星机器人')];
    const [published] = await q(
      `INSERT INTO scenario_batch (year, number, title, status, published_at, created_by)
       VALUES (2026, 1, '2026年第1批场景机会清单', 'published', '2026-03-01T02:00:00Z', $1) RETURNING id`,
      [randomUUID()],
    );
    const [draft] = await q(
      `INSERT INTO scenario_batch (year, number, title, status, created_by)
       VALUES (2026, 3, '2026年第3批场景机会清单', 'draft', $1) RETURNING id`,
      [randomUUID()],
    );
    ids.batch = published.id;

    // s1 demonstration: awarded 20 days after publication.
    const s1 = await scenario('s1', agencyA, {
      status: 'demonstration',
      domain: 'manufacturing',
      district: 'wuxing',
      publishedAt: '2026-03-01T02:00:00Z',
      batch: published.id,
    });
    await decision(s1, 'award', plusDays('2026-03-01T02:00:00Z', 20), await proposal(s1, v1, 'awarded'));
    // s2 accepted: 30 days.
    const s2 = await scenario('s2', agencyA, {
      status: 'accepted',
      domain: 'manufacturing',
      district: 'anji',
      publishedAt: '2026-04-10T02:00:00Z',
      batch: published.id,
    });
    await decision(s2, 'award', plusDays('2026-04-10T02:00:00Z', 30), await proposal(s2, v1, 'awarded'));
    // s3 in delivery: a first award after 5 days was set aside by an upheld objection; the current one
    // came after 10 days, and that is the one that counts.
    const s3 = await scenario('s3', agencyA, {
      status: 'in_delivery',
      domain: 'agriculture',
      district: 'wuxing',
      publishedAt: '2026-05-01T02:00:00Z',
    });
    const winner = await proposal(s3, v1, 'awarded');
    const loser = await proposal(s3, v2, 'unsuccessful');
    const first = await decision(s3, 'award', plusDays('2026-05-01T02:00:00Z', 5), winner);
    const [objection] = await q(
      `INSERT INTO objection (decision_id, scenario_id, proposal_id, organisation_id, lodged_by, grounds, lodged_at,
         status, reasons, decided_by, decided_at)
       VALUES ($1, $2, $3, $4, $5, '评分有误', $6, 'upheld', '经复核评分有误', $5, $6) RETURNING id`,
      [first, s3, loser, v2, randomUUID(), plusDays('2026-05-01T02:00:00Z', 7)],
    );
    await q(`UPDATE award_decision SET superseded_at = $2, superseded_by_objection_id = $3 WHERE id = $1`, [
      first,
      plusDays('2026-05-01T02:00:00Z', 7),
      objection.id,
    ]);
    await decision(s3, 'award', plusDays('2026-05-01T02:00:00Z', 10), winner);
    // s4 awarded: 40 days.
    const s4 = await scenario('s4', agencyA, {
      status: 'awarded',
      domain: 'transport',
      district: 'deqing',
      publishedAt: '2026-06-01T02:00:00Z',
    });
    await decision(s4, 'award', plusDays('2026-06-01T02:00:00Z', 40), await proposal(s4, v2, 'awarded'));
    // s5 under evaluation, published at 01:00 on 1 July in Huzhou (still 30 June in UTC).
    const s5 = await scenario('s5', agencyA, {
      status: 'under_evaluation',
      domain: 'transport',
      district: 'deqing',
      publishedAt: '2026-06-30T17:00:00Z',
    });
    await proposal(s5, v1, 'opened');
    // s6 open, with a sealed submitted proposal and a draft.
    const s6 = await scenario('s6', agencyA, {
      status: 'published',
      domain: 'culture_tourism',
      district: 'nanxun',
      publishedAt: '2026-11-01T02:00:00Z',
    });
    await proposal(s6, v1, 'submitted');
    await proposal(s6, v2, 'draft');
    // s7 open, only a withdrawn proposal and a draft: no proposal counts.
    const s7 = await scenario('s7', agencyA, {
      status: 'published',
      domain: 'culture_tourism',
      district: 'nanxun',
      publishedAt: '2026-11-10T02:00:00Z',
    });
    await proposal(s7, v1, 'withdrawn');
    await proposal(s7, v2, 'draft');
    // s8 published, then cancelled: off the public list, still in the staff funnel.
    await scenario('s8', agencyA, {
      status: 'cancelled',
      domain: 'agriculture',
      district: 'anji',
      publishedAt: '2026-08-01T02:00:00Z',
      batch: published.id,
    });
    // s9 no award (agency B).
    const s9 = await scenario('s9', agencyB, {
      status: 'no_award',
      domain: 'manufacturing',
      district: 'wuxing',
      publishedAt: '2026-09-01T02:00:00Z',
    });
    await proposal(s9, v2, 'unsuccessful');
    await decision(s9, 'no_award', plusDays('2026-09-01T02:00:00Z', 15));
    // Never published: approved awaiting the draft batch (agency C), and a draft (agency B).
    await scenario('s10', agencyC, {
      status: 'approved',
      domain: 'manufacturing',
      district: 'wuxing',
      publishedAt: null,
      batch: draft.id,
    });
    await scenario('s11', agencyB, { status: 'draft', domain: 'other', district: 'citywide', publishedAt: null });
    Object.assign(ids, { agencyA, agencyB, agencyC });
  }, 30_000);

  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  describe('public statistics', () => {
    it('counts public scenarios per stage, by domain and by district, every taxonomy code present', async () => {
      const stats = await service.publicStatistics();
      expect(stats.generatedAt).toBe(now.toISOString());
      // s1–s7 and s9 are public; s8 was cancelled, s10 and s11 were never published.
      expect(stats.totals).toEqual({ published: 8, awarded: 4, accepted: 2, demonstration: 1 });
      expect(stats.byDomain.map((d) => d.domain)).toEqual(codesOf('domain'));
      expect(stats.byDistrict.map((d) => d.district)).toEqual(codesOf('district'));
      const domain = Object.fromEntries(stats.byDomain.map(({ domain: d, ...c }) => [d, c]));
      expect(domain).toEqual({
        manufacturing: { published: 3, awarded: 2, accepted: 2, demonstration: 1 },
        agriculture: { published: 1, awarded: 1, accepted: 0, demonstration: 0 },
        culture_tourism: { published: 2, awarded: 0, accepted: 0, demonstration: 0 },
        transport: { published: 2, awarded: 1, accepted: 0, demonstration: 0 },
        other: { published: 0, awarded: 0, accepted: 0, demonstration: 0 },
      });
      const district = Object.fromEntries(stats.byDistrict.map(({ district: d, ...c }) => [d, c]));
      expect(district.wuxing).toEqual({ published: 3, awarded: 2, accepted: 1, demonstration: 1 });
      expect(district.anji).toEqual({ published: 1, awarded: 1, accepted: 1, demonstration: 0 });
      expect(district.deqing).toEqual({ published: 2, awarded: 1, accepted: 0, demonstration: 0 });
      expect(district.nanxun).toEqual({ published: 2, awarded: 0, accepted: 0, demonstration: 0 });
      for (const empty of ['changxing', 'south_taihu', 'citywide'])
        expect(district[empty]).toEqual({ published: 0, awarded: 0, accepted: 0, demonstration: 0 });
    });
  });

  describe('funnel', () => {
    it('counts every stage over everything ever published, cancelled included, never drafts', async () => {
      const f = await service.funnel({});
      expect(f.generatedAt).toBe(now.toISOString());
      // with_proposals: s1 s2 s3 s4 s5 s6 (sealed, submitted) s9 — not s7 (withdrawn + draft), not s8.
      expect(f.stages).toEqual([
        { stage: 'published', count: 9 },
        { stage: 'with_proposals', count: 7 },
        { stage: 'awarded', count: 4 },
        { stage: 'accepted', count: 2 },
        { stage: 'demonstration', count: 1 },
      ]);
    });

    it('measures days from publication to the current award decision: median and 90th percentile', async () => {
      // 20, 30, 10 (the superseded 5 does not count), 40; the no-award decision of s9 is no award.
      const f = await service.funnel({});
      expect(f.timeToAward).toEqual({ count: 4, medianDays: 25, p90Days: 37 });
    });

    it('breaks down by domain and district, zeros and null medians included', async () => {
      const f = await service.funnel({});
      expect(f.byDomain.map((r) => r.domain)).toEqual(codesOf('domain'));
      expect(f.byDistrict.map((r) => r.district)).toEqual(codesOf('district'));
      const domain = Object.fromEntries(f.byDomain.map(({ domain: d, ...r }) => [d, r]));
      expect(domain.manufacturing).toEqual({
        published: 3,
        withProposals: 3,
        awarded: 2,
        accepted: 2,
        demonstration: 1,
        medianDaysToAward: 25,
      });
      expect(domain.agriculture).toEqual({
        published: 2,
        withProposals: 1,
        awarded: 1,
        accepted: 0,
        demonstration: 0,
        medianDaysToAward: 10,
      });
      expect(domain.culture_tourism).toMatchObject({ published: 2, withProposals: 1, medianDaysToAward: null });
      expect(domain.other).toEqual({
        published: 0,
        withProposals: 0,
        awarded: 0,
        accepted: 0,
        demonstration: 0,
        medianDaysToAward: null,
      });
      const deqing = f.byDistrict.find((r) => r.district === 'deqing');
      expect(deqing).toEqual({
        district: 'deqing',
        published: 2,
        withProposals: 2,
        awarded: 1,
        accepted: 0,
        demonstration: 0,
        medianDaysToAward: 40,
      });
    });

    it('filters by domain and district', async () => {
      const m = await service.funnel({ domain: 'manufacturing' });
      expect(m.stages.map((s) => s.count)).toEqual([3, 3, 2, 2, 1]);
      expect(m.timeToAward).toEqual({ count: 2, medianDays: 25, p90Days: 29 });
      expect(m.byDomain.find((r) => r.domain === 'transport')?.published).toBe(0);
      const d = await service.funnel({ district: 'deqing' });
      expect(d.stages.map((s) => s.count)).toEqual([2, 2, 1, 0, 0]);
      expect(d.timeToAward).toEqual({ count: 1, medianDays: 40, p90Days: 40 });
      const none = await service.funnel({ domain: 'other' });
      expect(none.stages.map((s) => s.count)).toEqual([0, 0, 0, 0, 0]);
      expect(none.timeToAward).toEqual({ count: 0, medianDays: null, p90Days: null });
    });

    it('filters by first publication time, calendar days whole in Huzhou time', async () => {
      // s2 (10 Apr), s3 (1 May), s4 (1 Jun); s5 went out at 01:00 on 1 July in Huzhou.
      const june = await service.funnel({ from: '2026-04-10', to: '2026-06-30' });
      expect(june.stages.map((s) => s.count)).toEqual([3, 3, 3, 1, 0]);
      expect(june.timeToAward.medianDays).toBe(30);
      const july = await service.funnel({ from: '2026-04-10', to: '2026-07-01' });
      expect(july.stages[0].count).toBe(4);
      const fromJuly = await service.funnel({ from: '2026-07-01' });
      // s5, s6, s7, s8, s9.
      expect(fromJuly.stages[0].count).toBe(5);
      // A date-time `to` includes that very instant.
      const instant = await service.funnel({ from: '2026-06-30T17:00:00Z', to: '2026-06-30T17:00:00Z' });
      expect(instant.stages[0].count).toBe(1);
    });

    it('refuses `to` before `from`, naming `to`', async () => {
      await expect(service.funnel({ from: '2026-05-01', to: '2026-04-30' })).rejects.toMatchObject({
        violations: [{ field: 'to', rule: 'min' }],
      });
    });
  });

  describe('public directory', () => {
    it('lists published batches only, with their scenarios that are public now', async () => {
      expect(await service.publicBatches()).toEqual([
        {
          id: ids.batch,
          year: 2026,
          number: 1,
          title: '2026年第1批场景机会清单',
          publishedAt: '2026-03-01T02:00:00.000Z',
          // s1 and s2; s8 was cancelled.
          scenarioCount: 2,
        },
      ]);
    });

    it('lists agencies with public scenarios only', async () => {
      expect(await service.publicAgencies()).toEqual([
        { id: ids.agencyA, nameZh: '湖州市经济和信息化局', nameEn: null, scenarioCount: 7 },
        { id: ids.agencyB, nameZh: '湖州市农业农村局', nameEn: null, scenarioCount: 1 },
      ]);
    });
  });

  // Last: it adds a scenario.
  it('with PUBLIC_LIST_CACHE_SECONDS, answers from one load (shared by concurrent callers) until it expires', async () => {
    const cached = new ReportingService(ds, { PUBLIC_LIST_CACHE_SECONDS: 60 } as AppConfig, new Clock());
    const loads = jest.spyOn(cached as unknown as { loadStatistics(): Promise<unknown> }, 'loadStatistics');
    const [first, second] = await Promise.all([cached.publicStatistics(), cached.publicStatistics()]);
    expect(second).toEqual(first);
    expect(loads).toHaveBeenCalledTimes(1);
    await scenario('late', ids.agencyA, {
      status: 'published',
      domain: 'transport',
      district: 'wuxing',
      publishedAt: '2026-11-01T02:00:00Z',
    });
    expect((await cached.publicStatistics()).totals.published).toBe(first.totals.published);
    expect(loads).toHaveBeenCalledTimes(1);
    // Uncached, the new scenario counts at once.
    expect((await service.publicStatistics()).totals.published).toBe(first.totals.published + 1);
  });
});
