import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import { type AppConfig, loadConfig } from '@app/config';
import { dataSourceOptions } from '@app/database';
import { OutboxService } from '@app/outbox';
import { ScenarioEntity } from '@app/scenarios';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import {
  corpusStats,
  prescore,
  rankVendorsBruteForce,
  SCORING_VERSION,
  type ScenarioDoc,
  scoreMatch,
  type VendorDoc,
} from './engine';
import {
  candidateQuery,
  currentStats,
  loadStats,
  removeVendorDoc,
  upsertVendorDoc,
  vendorCandidates,
} from './match-index';
import { MATCHING_ENTITIES } from './matching.entity';
import { MatchingRunner } from './matching-runner.service';
import { INLINE_SCORING_MAX_PAIRS, ScoringPool } from './scoring/scoring-pool';
import { runScoringTask } from './scoring/scoring-task';
import { insertAgency, insertScenarios, insertVendors, labelledSet, vendorInputs } from './testing/matching-fixtures';

const VENDORS = 600;
const TOP_N = 30;
const CANDIDATES = 120;

// Worker threads compile the engine with ts-node on first use: slow on a busy machine.
jest.setTimeout(60_000);

describe('matching index and jobs (PostgreSQL, worker threads)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let config: AppConfig;
  let pool: ScoringPool;
  let runner: MatchingRunner;
  let scenarioIds: string[];
  let agencyId: string;
  let vendorIds: string[];

  const rowsOf = async (scenarioId: string) =>
    (await ds.query(
      `SELECT vendor_organisation_id, score, components, matched_terms, scoring_version, in_scenario_top, in_vendor_top
         FROM match_score WHERE scenario_id = $1 ORDER BY score DESC, vendor_organisation_id`,
      [scenarioId],
    )) as {
      vendor_organisation_id: string;
      score: number;
      components: unknown[];
      matched_terms: string[];
      scoring_version: string;
      in_scenario_top: boolean;
      in_vendor_top: boolean;
    }[];

  const allVendorDocs = async () =>
    ((await ds.query(`SELECT doc FROM match_vendor_doc ORDER BY organisation_id`)) as { doc: VendorDoc }[]).map(
      (r) => r.doc,
    );
  const scenarioDoc = async (id: string) =>
    ((await ds.query(`SELECT doc FROM match_scenario_doc WHERE scenario_id = $1`, [id])) as { doc: ScenarioDoc }[])[0]
      .doc;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource({
      ...dataSourceOptions(db.url, 6),
      entities: [ScenarioEntity, ...MATCHING_ENTITIES],
    }).initialize();
    config = loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      MATCH_STORE_TOP_N: String(TOP_N),
      MATCH_CANDIDATES: String(CANDIDATES),
      MATCH_SCORING_THREADS: '2',
      MATCH_NOTIFY_THRESHOLD: '50',
    });
    pool = new ScoringPool(config);
    runner = new MatchingRunner(ds, config, new Clock(), pool, new OutboxService());
    const vendors = vendorInputs(VENDORS, 11);
    vendorIds = vendors.map((v) => v.organisationId);
    await insertVendors(ds.manager, vendors);
    agencyId = await insertAgency(ds.manager);
    const fixture = labelledSet().scenarios;
    scenarioIds = await insertScenarios(ds.manager, agencyId, fixture.slice(0, 12));
    await runner.rebuildIndex();
  }, 120_000);

  afterAll(async () => {
    await pool.onModuleDestroy();
    await ds.destroy();
    await db.drop();
  });

  it('persists one analysed document per verified vendor and corpus statistics equal to the documents’', async () => {
    const docs = await allVendorDocs();
    expect(docs).toHaveLength(VENDORS);
    const expected = corpusStats(docs);
    const terms = Object.keys(expected.df);
    const stored = await loadStats(ds.manager, terms);
    expect(stored.n).toBe(VENDORS);
    expect(stored.avgLength).toBeCloseTo(expected.avgLength, 3);
    expect(stored.df).toEqual(expected.df);
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM match_scenario_posting`)) as { n: number }[];
    expect(n).toBeGreaterThan(0);
  });

  it.each([
    ['no common terms at this size', undefined],
    ['common terms re-scoring the pool', 300],
  ])('generates candidates in PostgreSQL that agree with a brute-force prescore (%s)', async (_label, budget) => {
    const docs = await allVendorDocs();
    const stats = corpusStats(docs);
    let overlap = 0;
    let total = 0;
    let exactTop = 0;
    for (const id of scenarioIds) {
      const s = await scenarioDoc(id);
      const { scenarioQueryWeights } = await import('./engine');
      const q = await candidateQuery(
        ds.manager,
        'match_vendor_posting',
        scenarioQueryWeights(s, stats),
        stats,
        budget,
        budget ? 20 : undefined,
      );
      if (budget) expect(q.common.terms.length).toBeGreaterThan(0);
      const sql = await vendorCandidates(ds.manager, q, CANDIDATES);
      expect(sql.length).toBeGreaterThan(0);
      const js = docs
        .map((d) => ({ id: d.organisationId, p: prescore(s, d, stats) }))
        .sort((a, b) => b.p - a.p || (a.id < b.id ? -1 : 1));
      const byId = new Map(js.map((x) => [x.id, x.p]));
      // The prescore PostgreSQL computes for a candidate is the engine's (postings are float4); with common
      // terms, only the heaviest re-score the pool, so it is at most the engine's.
      for (const c of sql) {
        if (budget) expect(c.prescore).toBeLessThanOrEqual(byId.get(c.id)! + 0.05);
        else expect(c.prescore).toBeCloseTo(byId.get(c.id)!, 1);
      }
      const jsTop = new Set(js.slice(0, CANDIDATES).map((x) => x.id));
      overlap += sql.filter((c) => jsTop.has(c.id)).length;
      total += CANDIDATES;
      // Every vendor of the exact brute-force top 10 is a candidate.
      const exact = rankVendorsBruteForce(s, docs, stats, 10).map((r) => r.organisationId);
      const candidateIds = new Set(sql.map((c) => c.id));
      exactTop += exact.filter((v) => candidateIds.has(v)).length;
    }
    // Without common terms the pool is exact; with them it is an approximation of the prescore's tail, but
    // the vendors that matter (the exact top 10) are all candidates.
    expect(overlap / total).toBeGreaterThanOrEqual(budget ? 0.7 : 0.99);
    expect(exactTop / (10 * scenarioIds.length)).toBeGreaterThanOrEqual(0.95);
  });

  it('stores the top N with the scoring version, the same as a brute-force ranking, and announces them', async () => {
    const id = scenarioIds[0];
    const outcome = await runner.matchScenario(id, 'published');
    expect(outcome).toMatchObject({ status: 'matched', stored: TOP_N });
    const rows = await rowsOf(id);
    expect(rows).toHaveLength(TOP_N);
    expect(rows.every((r) => r.scoring_version === SCORING_VERSION && r.in_scenario_top)).toBe(true);
    const docs = await allVendorDocs();
    const brute = rankVendorsBruteForce(await scenarioDoc(id), docs, corpusStats(docs), 10);
    expect(rows.slice(0, 10).map((r) => r.vendor_organisation_id)).toEqual(brute.map((b) => b.organisationId));
    expect(rows[0].score).toBeCloseTo(brute[0].result.score, 1);
    expect(rows[0].components.length).toBeGreaterThan(3);
    const events = (await ds.query(
      `SELECT payload FROM outbox_event WHERE type = 'matching.scenario_matched' AND aggregate_id = $1`,
      [id],
    )) as { payload: { trigger: string; scoringVersion: string; matches: { score: number }[] } }[];
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({ trigger: 'published', scoringVersion: SCORING_VERSION });
    expect(events[0].payload.matches.every((m) => m.score >= 50)).toBe(true);
    expect(events[0].payload.matches.length).toBe(rows.filter((r) => r.score >= 50).length);
  });

  it('is idempotent: a rerun writes the same rows (and a nightly run announces nothing)', async () => {
    const id = scenarioIds[1];
    await runner.matchScenario(id, 'published');
    const first = await rowsOf(id);
    await runner.matchScenario(id, 'nightly');
    expect(await rowsOf(id)).toEqual(first);
    const [{ n }] = (await ds.query(
      `SELECT count(*)::int AS n FROM outbox_event WHERE type = 'matching.scenario_matched' AND aggregate_id = $1`,
      [id],
    )) as { n: number }[];
    expect(n).toBe(1);
  });

  it('removes stale rows: vendors out of the top, ineligible vendors, old versions', async () => {
    const id = scenarioIds[2];
    await runner.matchScenario(id, 'published');
    const kept = await rowsOf(id);
    const outsider = vendorIds.find((v) => !kept.some((r) => r.vendor_organisation_id === v))!;
    await ds.query(
      `INSERT INTO match_score (scenario_id, vendor_organisation_id, score, components, matched_terms, scoring_version,
                                in_scenario_top, computed_at)
       VALUES ($1, $2, 99, '[]', '{}', 'old-version', true, now())`,
      [id, outsider],
    );
    // A vendor in the top loses its verification: its rows and document go with its next job.
    const demoted = kept[0].vendor_organisation_id;
    await ds.query(`UPDATE organisation SET status = 'rejected' WHERE id = $1`, [demoted]);
    expect(await runner.matchVendor(demoted)).toMatchObject({ status: 'not_eligible' });
    await runner.matchScenario(id, 'nightly');
    const after = await rowsOf(id);
    expect(after.map((r) => r.vendor_organisation_id)).not.toContain(outsider);
    expect(after.map((r) => r.vendor_organisation_id)).not.toContain(demoted);
    expect(after.every((r) => r.scoring_version === SCORING_VERSION)).toBe(true);
    expect(after).toHaveLength(TOP_N);
    const [{ n }] = (await ds.query(`SELECT doc_count AS n FROM match_corpus`)) as { n: number }[];
    expect(n).toBe(VENDORS - 1);
    await ds.query(`UPDATE organisation SET status = 'verified' WHERE id = $1`, [demoted]);
    expect(await runner.matchVendor(demoted)).toMatchObject({ status: 'matched' });
    const [{ n: back }] = (await ds.query(`SELECT doc_count AS n FROM match_corpus`)) as { n: number }[];
    expect(back).toBe(VENDORS);
  });

  it('ranks open scenarios for a vendor (its recommendations) as brute force does, idempotently', async () => {
    const vendor = vendorIds[0];
    const outcome = await runner.matchVendor(vendor);
    expect(outcome.status).toBe('matched');
    const rows = (await ds.query(
      `SELECT scenario_id, score, components FROM match_score WHERE vendor_organisation_id = $1 AND in_vendor_top
        ORDER BY score DESC, scenario_id`,
      [vendor],
    )) as { scenario_id: string; score: number; components: unknown }[];
    expect(rows.length).toBeGreaterThan(0);
    const docs = await allVendorDocs();
    const stats = corpusStats(docs);
    const v = docs.find((d) => d.organisationId === vendor)!;
    const brute = [];
    for (const id of scenarioIds) brute.push({ id, score: scoreMatch(await scenarioDoc(id), v, stats).score });
    brute.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    const candidates = brute.slice(0, rows.length);
    expect(rows.map((r) => r.scenario_id)).toEqual(candidates.map((b) => b.id));
    await runner.matchVendor(vendor);
    const again = (await ds.query(
      `SELECT scenario_id, score, components FROM match_score WHERE vendor_organisation_id = $1 AND in_vendor_top
        ORDER BY score DESC, scenario_id`,
      [vendor],
    )) as unknown[];
    expect(again).toEqual(rows);
  });

  it('a vendor that arrives later enters the best N of the open scenarios it beats', async () => {
    const id = scenarioIds[4];
    await runner.matchScenario(id, 'published');
    const before = await rowsOf(id);
    // A copy of the scenario's best vendor under a new organisation: it ties the best, so it belongs in the top.
    const [best] = (await ds.query(
      `SELECT vp.* , o.name_zh FROM vendor_profile vp JOIN organisation o ON o.id = vp.organisation_id
        WHERE vp.organisation_id = $1`,
      [before[0].vendor_organisation_id],
    )) as { organisation_id: string; name_zh: string }[];
    const [clone] = vendorInputs(1, 5);
    await insertVendors(ds.manager, [{ ...clone, name: best.name_zh }]);
    await ds.query(
      `UPDATE vendor_profile t SET domains = s.domains, capability_codes = s.capability_codes,
              industry_fields = s.industry_fields, districts = s.districts, description = s.description,
              past_cases = s.past_cases, trl = s.trl, typical_budget_min_yuan = s.typical_budget_min_yuan,
              typical_budget_max_yuan = s.typical_budget_max_yuan
         FROM vendor_profile s WHERE s.organisation_id = $1 AND t.organisation_id = $2`,
      [best.organisation_id, clone.organisationId],
    );
    await runner.matchVendor(clone.organisationId);
    const after = await rowsOf(id);
    const top = after.filter((r) => r.in_scenario_top);
    expect(top).toHaveLength(TOP_N);
    expect(top.map((r) => r.vendor_organisation_id)).toContain(clone.organisationId);
    // The one that dropped out of the N is no longer in the top.
    expect(top.map((r) => r.vendor_organisation_id)).not.toContain(before[TOP_N - 1].vendor_organisation_id);
  });

  it('a scenario that left publication is no candidate for vendors, and its job stores nothing', async () => {
    const id = scenarioIds[3];
    await ds.query(`UPDATE scenario SET status = 'closed' WHERE id = $1`, [id]);
    await runner.scenarioClosed(id);
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM match_scenario_posting WHERE scenario_id = $1`, [
      id,
    ])) as { n: number }[];
    expect(n).toBe(0);
    expect(await runner.matchScenario(id, 'published')).toMatchObject({ status: 'not_open', stored: 0 });
    await runner.matchVendor(vendorIds[1]);
    const [{ m }] = (await ds.query(
      `SELECT count(*)::int AS m FROM match_score WHERE vendor_organisation_id = $1 AND scenario_id = $2`,
      [vendorIds[1], id],
    )) as { m: number }[];
    expect(m).toBe(0);
  });

  it('scores in worker threads exactly as in the calling thread', async () => {
    expect(pool.threaded).toBe(true);
    const docs = (await allVendorDocs()).slice(0, 250);
    const s = await scenarioDoc(scenarioIds[0]);
    const stats = corpusStats(docs);
    const task = { kind: 'scenario' as const, scenario: s, vendors: docs, stats };
    pool.inlineMaxPairs = 0; // force the threads for a small task
    try {
      expect(await pool.score(task)).toEqual(runScoringTask(task));
    } finally {
      pool.inlineMaxPairs = INLINE_SCORING_MAX_PAIRS;
    }
  });

  it('scores small batches inline and large ones in threads, with identical scores', async () => {
    const docs = await allVendorDocs();
    const s = await scenarioDoc(scenarioIds[1]);
    const stats = corpusStats(docs);
    const small = { kind: 'scenario' as const, scenario: s, vendors: docs.slice(0, 100), stats };
    const runTask = jest.spyOn((pool as unknown as { pool: { run: (t: unknown) => Promise<unknown> } }).pool, 'run');
    try {
      expect(await pool.score(small)).toEqual(runScoringTask(small));
      expect(runTask).not.toHaveBeenCalled();
      // A batch above the threshold (vendors repeated: the pairs, not their identity, count).
      const many = Array.from({ length: Math.ceil((INLINE_SCORING_MAX_PAIRS + 1) / docs.length) }, () => docs).flat();
      const large = { kind: 'scenario' as const, scenario: s, vendors: many, stats };
      expect(many.length).toBeGreaterThan(INLINE_SCORING_MAX_PAIRS);
      expect(await pool.score(large)).toEqual(runScoringTask(large));
      expect(runTask).toHaveBeenCalled();
    } finally {
      runTask.mockRestore();
    }
  });

  it('caches corpus statistics per process and reloads them when the corpus changes', async () => {
    const first = await currentStats(ds.manager);
    expect(await currentStats(ds.manager)).toBe(first);
    const docsBefore = await allVendorDocs();
    expect(first.n).toBe(docsBefore.length);
    expect(first.df).toEqual(corpusStats(docsBefore).df);
    // A vendor job in another transaction changes the statistics: the next read sees it.
    const [{ doc }] = (await ds.query(`SELECT doc FROM match_vendor_doc ORDER BY organisation_id LIMIT 1`)) as {
      doc: VendorDoc;
    }[];
    await ds.transaction((tx) => removeVendorDoc(tx, doc.organisationId));
    try {
      const after = await currentStats(ds.manager);
      expect(after).not.toBe(first);
      expect(after.n).toBe(docsBefore.length - 1);
      expect(after.df).toEqual(corpusStats(await allVendorDocs()).df);
    } finally {
      await runner.matchVendor(doc.organisationId); // re-indexes it (still eligible)
    }
    expect((await currentStats(ds.manager)).df).toEqual(first.df);
  });

  it('keeps corpus statistics exact when a vendor changes, including terms only that vendor had', async () => {
    const vendor = { ...vendorInputs(1, 11)[0], organisationId: vendorIds[0] };
    const withOwnTerm = { ...vendor, description: `${vendor.description} 采用 qzxwspecial 专有方法` };
    await ds.transaction((em) => upsertVendorDoc(em, withOwnTerm, 90, new Date()));
    expect(Object.keys((await currentStats(ds.manager)).df).some((t) => t.includes('qzxwspecial'))).toBe(true);
    // Back to its old text: the term's df goes from 1 to nothing (the row is removed, never set to 0).
    await ds.transaction((em) => upsertVendorDoc(em, vendor, 91, new Date()));
    const docs = await allVendorDocs();
    const stored = await currentStats(ds.manager);
    expect(stored.df).toEqual(corpusStats(docs).df);
    expect(Object.keys(stored.df).some((t) => t.includes('qzxwspecial'))).toBe(false);
  });
});
