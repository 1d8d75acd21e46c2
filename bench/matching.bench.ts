/**
 * Matching at scale (issue 5, item 6), in a database of its own:
 *  1. 100,000 vendor profiles (the labelled set's vendors, then variants with perturbed texts, codes,
 *     districts and budgets) analysed, their documents and postings stored, corpus statistics persisted;
 *     30 fixture scenarios ranked (top 50): candidate generation in PostgreSQL + exact scoring (worker
 *     threads), against a brute-force scan in JS over all 100k documents in memory. p50/p95, ratio,
 *     overlap@50 with brute force. Target p95 ≤ 100 ms.
 *  2. 10,000 open scenarios (variants of the fixture scenarios) ranked for one vendor (top 50), likewise,
 *     for 30 vendors. Target p95 ≤ 50 ms.
 *
 *   npm run bench:matching                  # creates and drops its own database
 *   BENCH_VENDORS=20000 BENCH_SCENARIOS=2000 npm run bench:matching   # smaller
 *   BENCH_KEEP=1                            # keep the database (printed)
 *   BENCH_DB=<name>                         # rank again in a kept database (no generation; brute force is
 *                                           # slower on documents read back from jsonb: compare ratios of fresh runs)
 *   BENCH_VARIETY=1                         # a less degenerate vendor corpus (texts mixed across vendors)
 *   BENCH_PREFER=0, BENCH_POOL_FACTOR=<x>   # candidate ordering without the budget/TRL preference; pool size
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { dataSourceOptions, ensureDatabase, runMigrations } from '@app/database';
import {
  analyseScenario,
  analyseVendor,
  type CorpusStats,
  corpusStats,
  rankVendorsBruteForce,
  type ScenarioDoc,
  scenarioQueryWeights,
  scoreMatch,
  type VendorDoc,
  type VendorMatchInput,
  vendorPostingWeights,
} from '../libs/matching/src/engine';
import { scenarioInput } from '../libs/matching/src/engine/eval-fixture';
import { prng } from '../libs/matching/src/engine/synthetic';
import {
  bulkIndexVendors,
  candidateQuery,
  currentStats,
  PREFERENCE_POOL_FACTOR,
  replaceCorpusStats,
  scenarioCandidates,
  vendorCandidates,
} from '../libs/matching/src/match-index';
import { INLINE_SCORING_MAX_PAIRS, ScoringPool } from '../libs/matching/src/scoring/scoring-pool';
import { type ScoredPair } from '../libs/matching/src/scoring/scoring-task';
import { labelledSet, vendorInputs } from '../libs/matching/src/testing/matching-fixtures';
import { ADMIN_URL, dbUrl } from './support/harness';
import { Client } from 'pg';

const VENDORS = Number(process.env.BENCH_VENDORS ?? 100_000);
const SCENARIOS = Number(process.env.BENCH_SCENARIOS ?? 10_000);
const QUERIES = 30;
/** BENCH_PREFER=0: candidate ordering by prescore alone (no budget/TRL preference). */
const PREFER = process.env.BENCH_PREFER !== '0';
/** BENCH_POOL_FACTOR: pool size / candidates (with the preference). */
const POOL = Number(process.env.BENCH_POOL_FACTOR ?? PREFERENCE_POOL_FACTOR);
const TOP = 50;
/** Brute force over 100k documents takes seconds per query: stop adding queries after this long. */
const BRUTE_BUDGET_MS = Number(process.env.BENCH_BRUTE_BUDGET_MS ?? 90_000);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const byScore = (a: ScoredPair, b: ScoredPair, key: 'organisationId' | 'scenarioId') =>
  b.result.score - a.result.score || (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0);

function log(line: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

/** BENCH_VARIETY=1: a less degenerate vendor corpus (see `addVariety`). */
const VARIETY = process.env.BENCH_VARIETY === '1';

/**
 * More variety than the generator's recombination of two profiles (which leaves hundreds of near-clones
 * per profile): every generated vendor also takes 1–3 sentences and a past case from random other
 * vendors, product texts from others, drops a fifth of its own sentences, and its TRL moves by up to ±2.
 */
function addVariety(inputs: VendorMatchInput[], keep: number, seed: number): VendorMatchInput[] {
  const rnd = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const sentences = (t: string) => t.split(/(?<=[。；])/u).filter((x) => x.trim());
  return inputs.map((v, i) => {
    if (i < keep) return v;
    const donors = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(inputs));
    const own = sentences(v.description).filter(() => rnd() < 0.8);
    const borrowed = donors.map((d) => pick(sentences(d.description).length ? sentences(d.description) : [d.name]));
    return {
      ...v,
      description: [...own, ...borrowed].sort(() => rnd() - 0.5).join('') || v.description,
      productsText: [...v.productsText, ...donors.flatMap((d) => d.productsText.filter(() => rnd() < 0.5))],
      pastCases: [...v.pastCases, ...(rnd() < 0.5 ? [pick(donors).pastCases[0]].filter(Boolean) : [])],
      trl: v.trl == null ? null : Math.max(1, Math.min(9, v.trl + Math.round((rnd() - 0.5) * 4))),
    };
  });
}

/** Fixture scenarios varied: sentences dropped and reordered, codes perturbed, district and budget changed. */
function scenarioVariants(count: number, seed: number) {
  const base = labelledSet().scenarios;
  const rnd = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const codes = [...new Set(base.flatMap((s) => s.capabilities))];
  const districts = ['wuxing', 'nanxun', 'deqing', 'changxing', 'anji', 'south_taihu'];
  return Array.from({ length: count }, (_, i) => {
    const s = pick(base);
    const sentences = (s.description ?? '').split(/(?<=[。；])/u).filter((x) => x.trim());
    const kept = sentences.filter(() => rnd() < 0.8).sort(() => rnd() - 0.5);
    const scale = Math.exp((rnd() - 0.5) * 1.6);
    const caps = s.capabilities.filter(() => rnd() < 0.85);
    if (rnd() < 0.3) caps.push(pick(codes));
    return {
      ...s,
      key: `${s.key}-${i}`,
      title: `${s.title}${rnd() < 0.5 ? '（二期）' : ''}`.slice(0, 100),
      description: kept.join('') || s.description,
      capabilities: [...new Set(caps)],
      district: rnd() < 0.3 ? pick(districts) : s.district,
      budgetMin: s.budgetMin == null ? null : Math.round(s.budgetMin * scale),
      budgetMax: s.budgetMax == null ? null : Math.round(s.budgetMax * scale),
    };
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  const reuse = process.env.BENCH_DB;
  const name = reuse ?? `sx_bench_matching_${randomUUID().slice(0, 8)}`;
  const url = dbUrl(name);
  if (!reuse) {
    await ensureDatabase(url);
    await runMigrations(url);
  }
  const ds = await new DataSource({ ...dataSourceOptions(url, 4) }).initialize();
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    MATCH_SCORING_THREADS: process.env.MATCH_SCORING_THREADS ?? '2',
  });
  const pool = new ScoringPool(config);
  const candidatesN = config.MATCH_CANDIDATES;
  const now = new Date();
  try {
    log(
      `database ${name}; ${VENDORS} vendors, ${SCENARIOS} scenarios; ${candidatesN} candidates${PREFER ? ` (budget/TRL preference, pool ${POOL}×)` : ''}${VARIETY ? '; varied corpus' : ''}, ${config.MATCH_SCORING_THREADS} scoring threads`,
    );

    // ------------------------------------------------------------------ vendors
    let t = performance.now();
    let docs: VendorDoc[];
    let stats: CorpusStats;
    if (reuse) {
      docs = ((await ds.query(`SELECT doc FROM match_vendor_doc`)) as { doc: VendorDoc }[]).map((r) => r.doc);
      stats = corpusStats(docs);
      log(`reusing ${docs.length} vendor documents`);
    } else {
      t = performance.now();
      const generated = vendorInputs(VENDORS, 2026);
      const inputs = VARIETY ? addVariety(generated, labelledSet().vendors.length, 4242) : generated;
      docs = inputs.map(analyseVendor);
      stats = corpusStats(docs);
      log(`analysed ${docs.length} vendors in ${ms(performance.now() - t)} (${Object.keys(stats.df).length} terms)`);
      t = performance.now();
      for (let i = 0; i < inputs.length; i += 5000) {
        const chunk = inputs.slice(i, i + 5000);
        await ds.query(
          `INSERT INTO organisation (id, type, name_zh, uscc, district_code, contact_name, contact_phone, contact_email, status)
           SELECT id, 'vendor', n, '9' || lpad(($3 + ord)::text, 17, '0'), 'wuxing', '王', '0572-2345678', 'v@example.cn', 'verified'
             FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS x(id, n, ord)`,
          [chunk.map((v) => v.organisationId), chunk.map((v) => v.name), i],
        );
      }
      await ds.transaction((em) => replaceCorpusStats(em, stats));
      const entries = docs.map((doc, i) => ({
        doc,
        profileVersion: 1,
        acceptedDeliveries: inputs[i].acceptedDeliveries,
      }));
      for (let i = 0; i < entries.length; i += 2000)
        await bulkIndexVendors(ds.manager, entries.slice(i, i + 2000), stats, now);
      await ds.query(`VACUUM ANALYZE match_vendor_posting`);
      await ds.query(`VACUUM ANALYZE match_vendor_doc`);
      await ds.query(`ANALYZE match_term_df`);
      const [{ n: postings }] = (await ds.query(`SELECT count(*)::int AS n FROM match_vendor_posting`)) as {
        n: number;
      }[];
      log(`stored documents and ${postings} postings in ${ms(performance.now() - t)}`);
    }

    // ------------------------------------------------------------------ 30 scenarios → top 50 vendors
    const fixture = labelledSet().scenarios.slice(0, QUERIES);
    const scenarioDocs = fixture.map((s) => analyseScenario({ ...scenarioInput(s), id: randomUUID() }));
    const phases: Record<string, number> = {};
    // Phases of the measured pass only (not of the forced-threads comparison pass).
    const lap = (key: string, t0: number) => {
      const t1 = performance.now();
      if (!threads) phases[key] = (phases[key] ?? 0) + t1 - t0;
      return t1;
    };
    /** Forces the worker threads even for small batches (the comparison row). */
    let threads = false;
    const rankVendors = async (s: ScenarioDoc) => {
      const em = ds.manager;
      let t0 = performance.now();
      const st = await currentStats(em);
      const weights = scenarioQueryWeights(s, st);
      t0 = lap('query weights', t0);
      const q = await candidateQuery(em, 'match_vendor_posting', weights, st);
      t0 = lap('split', t0);
      const cands = await vendorCandidates(em, q, candidatesN, PREFER ? s : undefined, POOL);
      t0 = lap('candidates SQL', t0);
      const rows = (await em.query(`SELECT doc FROM match_vendor_doc WHERE organisation_id = ANY($1::uuid[])`, [
        cands.map((c) => c.id),
      ])) as { doc: VendorDoc }[];
      const vendors = rows.map((r) => r.doc);
      t0 = lap('fetch docs', t0);
      const full = await currentStats(em); // a version check: the cached statistics unless the corpus changed
      t0 = lap('scoring stats', t0);
      const task = { kind: 'scenario' as const, scenario: s, vendors, stats: full };
      pool.inlineMaxPairs = threads ? 0 : INLINE_SCORING_MAX_PAIRS;
      const scored = await pool.score(task);
      lap('exact scoring (pool: inline up to threshold)', t0);
      return {
        top: scored.sort((a, b) => byScore(a, b, 'organisationId')).slice(0, TOP),
        selective: q.selective.terms.length,
        common: q.common.terms.length,
      };
    };
    await rankVendors(scenarioDocs[0]); // warm up: worker threads, plans, caches
    for (const k of Object.keys(phases)) delete phases[k];
    const shape: string[] = [];
    const pgTimes: number[] = [];
    const pgTops: string[][] = [];
    const pgScores: number[][] = [];
    const gaps: number[] = [];
    for (const s of scenarioDocs) {
      const t0 = performance.now();
      const r = await rankVendors(s);
      pgTimes.push(performance.now() - t0);
      pgTops.push(r.top.map((p) => p.organisationId));
      pgScores.push(r.top.map((p) => p.result.score));
      shape.push(`${r.selective}/${r.common}`);
    }
    threads = true;
    const inlineTimes: number[] = [];
    for (const s of scenarioDocs) {
      const t0 = performance.now();
      await rankVendors(s);
      inlineTimes.push(performance.now() - t0);
    }
    threads = false;
    const bfTimes: number[] = [];
    const overlaps: number[] = [];
    const bfStart = performance.now();
    for (const [i, s] of scenarioDocs.entries()) {
      if (performance.now() - bfStart > BRUTE_BUDGET_MS && i >= 5) break;
      const t0 = performance.now();
      const bfRanked = rankVendorsBruteForce(s, docs, stats, TOP);
      bfTimes.push(performance.now() - t0);
      const bf = bfRanked.map((r) => r.organisationId);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
      gaps.push(mean(bfRanked.map((r) => r.result.score)) - mean(pgScores[i]));
      const got = new Set(pgTops[i]);
      overlaps.push(bf.filter((id) => got.has(id)).length / TOP);
    }
    console.log(
      `  phases (mean per query): ${Object.entries(phases)
        .map(([k, x]) => `${k} ${(x / scenarioDocs.length).toFixed(1)}`)
        .join(', ')}`,
    );
    console.log(
      `  overlap per scenario (selective/common terms): ${overlaps.map((o, i) => `${o.toFixed(2)} (${shape[i]})`).join(' ')}`,
    );
    const v = {
      pgP50: pct(pgTimes, 50),
      pgP95: pct(pgTimes, 95),
      bfP50: pct(bfTimes, 50),
      bfP95: pct(bfTimes, 95),
      overlap: overlaps.reduce((a, b) => a + b, 0) / overlaps.length,
      minOverlap: Math.min(...overlaps),
      gap: gaps.reduce((a, b) => a + b, 0) / gaps.length,
      maxGap: Math.max(...gaps),
    };

    // ------------------------------------------------------------------ 10,000 open scenarios → one vendor
    const sDocs: ScenarioDoc[] = [];
    if (reuse) {
      sDocs.push(
        ...((await ds.query(`SELECT doc FROM match_scenario_doc`)) as { doc: ScenarioDoc }[]).map((r) => r.doc),
      );
    } else {
      t = performance.now();
      const [{ id: agencyId }] = (await ds.query(
        `INSERT INTO organisation (type, name_zh, uscc, district_code, contact_name, contact_phone, contact_email, status)
         VALUES ('agency', '湖州市测试局', '113305000000000001', 'wuxing', '王', '0572-2345678', 'a@example.cn', 'verified')
         RETURNING id`,
      )) as { id: string }[];
      const variants = scenarioVariants(SCENARIOS, 99);
      for (let i = 0; i < variants.length; i += 2000) {
        const chunk = variants.slice(i, i + 2000).map((s) => ({ s, id: randomUUID() }));
        await ds.query(
          `INSERT INTO scenario (id, agency_organisation_id, created_by, status, title, domain, sector, district,
                                 proposal_deadline, published_at)
           SELECT id, $2, $2, 'published', t, d, sec, dis, now() + interval '30 days', now()
             FROM unnest($1::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) AS x(id, t, d, sec, dis)`,
          [
            chunk.map((c) => c.id),
            agencyId,
            chunk.map((c) => c.s.title),
            chunk.map((c) => c.s.domain),
            chunk.map((c) => c.s.sector),
            chunk.map((c) => c.s.district),
          ],
        );
        const analysed = chunk.map((c) => analyseScenario({ ...scenarioInput(c.s), id: c.id }));
        sDocs.push(...analysed);
        const ids: string[] = [];
        const terms: string[] = [];
        const weights: number[] = [];
        for (const d of analysed) {
          for (const [term, w] of Object.entries(scenarioQueryWeights(d, stats))) {
            if (!(w > 0)) continue;
            ids.push(d.id);
            terms.push(term);
            weights.push(w);
          }
        }
        await ds.query(
          `INSERT INTO match_scenario_doc (scenario_id, doc, scenario_version, scoring_version)
           SELECT * FROM unnest($1::uuid[], $2::jsonb[], $3::int[], $4::text[])`,
          [
            analysed.map((d) => d.id),
            analysed.map((d) => JSON.stringify(d)),
            analysed.map(() => 1),
            analysed.map(() => 'bench'),
          ],
        );
        await ds.query(
          `INSERT INTO match_scenario_posting (scenario_id, term, weight) SELECT * FROM unnest($1::uuid[], $2::text[], $3::real[])`,
          [ids, terms, weights],
        );
      }
      await ds.query(`VACUUM ANALYZE match_scenario_posting`);
      await ds.query(`VACUUM ANALYZE match_scenario_doc`);
      log(`stored ${sDocs.length} open scenarios with postings in ${ms(performance.now() - t)}`);
    }

    const probe = docs.slice(0, QUERIES); // the labelled set's own vendors
    const vPhases: Record<string, number> = {};
    const rankScenarios = async (vd: VendorDoc) => {
      const em = ds.manager;
      const vlap = (key: string, t0: number) => {
        const t1 = performance.now();
        if (!threads) vPhases[key] = (vPhases[key] ?? 0) + t1 - t0;
        return t1;
      };
      let t0 = performance.now();
      const weights = vendorPostingWeights(vd, await currentStats(em));
      const q = await candidateQuery(em, 'match_scenario_posting', weights, null);
      t0 = vlap('weights + split', t0);
      const cands = await scenarioCandidates(em, q, candidatesN);
      t0 = vlap('candidates SQL', t0);
      const rows = (await em.query(`SELECT doc FROM match_scenario_doc WHERE scenario_id = ANY($1::uuid[])`, [
        cands.map((c) => c.id),
      ])) as { doc: ScenarioDoc }[];
      const scenarios = rows.map((r) => r.doc);
      t0 = vlap('fetch docs', t0);
      const full = await currentStats(em);
      t0 = vlap('scoring stats', t0);
      const vtask = { kind: 'vendor' as const, vendor: vd, scenarios, stats: full };
      pool.inlineMaxPairs = threads ? 0 : INLINE_SCORING_MAX_PAIRS;
      const scored = await pool.score(vtask);
      vlap('exact scoring', t0);
      return scored.sort((a, b) => byScore(a, b, 'scenarioId')).slice(0, TOP);
    };
    await rankScenarios(probe[0]);
    const vPg: number[] = [];
    const vBf: number[] = [];
    const vOverlap: number[] = [];
    const vInline: number[] = [];
    threads = true;
    for (const vd of probe) {
      const t0 = performance.now();
      await rankScenarios(vd);
      vInline.push(performance.now() - t0);
    }
    threads = false;
    for (const vd of probe) {
      const t0 = performance.now();
      const top = await rankScenarios(vd);
      vPg.push(performance.now() - t0);
      const t1 = performance.now();
      const bf = bruteScenarios(vd, sDocs, stats);
      vBf.push(performance.now() - t1);
      const got = new Set(top.map((p) => p.scenarioId));
      vOverlap.push(bf.filter((id) => got.has(id)).length / TOP);
    }

    console.log(
      '\n== scenario → top 50 of %d vendors (%d scenarios; brute force on %d)',
      VENDORS,
      pgTimes.length,
      bfTimes.length,
    );
    console.log(
      `  PG candidates + exact scoring: p50 ${ms(v.pgP50)}  p95 ${ms(v.pgP95)}   (target p95 ≤ 100 ms: ${v.pgP95 <= 100 ? 'met' : 'NOT met'})`,
    );
    console.log(
      `  same, scoring forced into worker threads: p50 ${ms(pct(inlineTimes, 50))}  p95 ${ms(pct(inlineTimes, 95))}`,
    );
    console.log(`  brute force JS (in memory):    p50 ${ms(v.bfP50)}  p95 ${ms(v.bfP95)}`);
    console.log(
      `  ratio brute/PG (p50): ${(v.bfP50 / v.pgP50).toFixed(1)}×   overlap@50 with brute force: mean ${v.overlap.toFixed(3)}, min ${v.minOverlap.toFixed(2)}`,
    );
    console.log(
      `  mean score of the top 50, brute force minus PG: mean ${v.gap.toFixed(2)} points, max ${v.maxGap.toFixed(2)}`,
    );
    console.log('\n== vendor → top 50 of %d open scenarios (%d vendors)', SCENARIOS, vPg.length);
    console.log(
      `  PG candidates + exact scoring: p50 ${ms(pct(vPg, 50))}  p95 ${ms(pct(vPg, 95))}   (target p95 ≤ 50 ms: ${pct(vPg, 95) <= 50 ? 'met' : 'NOT met'})`,
    );
    console.log(`  same, scoring forced into worker threads: p50 ${ms(pct(vInline, 50))}  p95 ${ms(pct(vInline, 95))}`);
    console.log(`  brute force JS (in memory):    p50 ${ms(pct(vBf, 50))}  p95 ${ms(pct(vBf, 95))}`);
    console.log(
      `  phases (mean per query, incl. warm-up): ${Object.entries(vPhases)
        .map(([k, x]) => `${k} ${(x / (probe.length + 1)).toFixed(1)}`)
        .join(', ')}`,
    );
    const vMean = vOverlap.reduce((a, b) => a + b, 0) / vOverlap.length;
    console.log(
      `  ratio brute/PG (p50): ${(pct(vBf, 50) / pct(vPg, 50)).toFixed(1)}×   overlap@50 with brute force: mean ${vMean.toFixed(3)}, min ${Math.min(...vOverlap).toFixed(2)}`,
    );
    console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await pool.onModuleDestroy();
    await ds.destroy();
    if (process.env.BENCH_KEEP !== '1' && !reuse) {
      const admin = new Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    } else log(`kept database ${name}`);
  }
}

function bruteScenarios(vendor: VendorDoc, scenarios: ScenarioDoc[], stats: CorpusStats): string[] {
  return scenarios
    .map((s) => ({ id: s.id, score: scoreMatch(s, vendor, stats).score }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
    .slice(0, TOP)
    .map((x) => x.id);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : error);
  process.exit(1);
});
