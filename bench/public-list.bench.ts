/**
 * The public opportunity list at scale: 100,000 scenarios (BENCH_ROWS, or BENCH_LARGE=1 for
 * 1,000,000) of realistic Chinese text, then, with autocannon at 32 connections, list + filters,
 * keyword search and detail through the real API (Nest) and through a raw node:http + pg handler
 * running the same SQL, alternating over BENCH_ROUNDS rounds. Prints EXPLAIN ANALYZE of every query,
 * the first (uncached) latency of each request, p50/p99 and req/s, the ratios, and the targets.
 *
 *   npm run bench:public-list                 # 100k; creates and drops its own database
 *   BENCH_LARGE=1 npm run bench:public-list   # 1,000,000 instead (compare with a 100k run)
 *   BENCH_DB=name                             # reuse (and keep) an already generated database
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ensureDatabase, runMigrations } from '@app/database';
import { buildTsquery } from '@app/search';
import { insertCorpus } from './support/scenario-corpus';
import {
  ADMIN_URL,
  CONNECTIONS,
  dbUrl,
  load,
  type LoadResult,
  median,
  startServer,
  stopServer,
} from './support/harness';

const ROWS = process.env.BENCH_LARGE === '1' ? 1_000_000 : Number(process.env.BENCH_ROWS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);

const LIST_PATHS = [
  '',
  '?domain=manufacturing',
  '?domain=agriculture&district=anji',
  '?capability=cv_inspection&status=open',
  '?budgetMin=500000&budgetMax=2000000&sort=budget',
  '?trl=6&sort=deadline',
  '?district=deqing,nanxun&status=open&sort=deadline',
  '?domain=transport&capability=v2x,autonomous_driving',
  '?status=closed',
  '?domain=culture_tourism&budgetMin=1000000',
].map((qs) => `/api/v1/public/scenarios${qs}`);
const SEARCH_WORDS = [
  '童装',
  '瑕疵 检测',
  '电梯 困人',
  '湖羊',
  '数字人 导游',
  '车路协同',
  '无人机 巡护',
  '客流预测',
  'AGV调度',
  'fabric defect',
  '水质 投喂',
  '信号配时',
];
const SEARCH_PATHS = SEARCH_WORDS.map((q) => `/api/v1/public/scenarios?q=${encodeURIComponent(q)}`);

interface Workload {
  name: string;
  paths: string[];
  p99Target: number | null;
}

async function explain(db: Client, label: string, sql: string, params: unknown[]): Promise<void> {
  const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS OFF, TIMING ON) ${sql}`, params);
  const plan = rows.map((r: Record<string, string>) => r['QUERY PLAN']);
  console.log(`\n-- ${label}`);
  for (const line of plan) console.log(`   ${line}`);
}

/** The list's own SQL for a few requests, captured by running it through the shared query builder. */
async function explainAll(db: Client, code: string): Promise<void> {
  const { PublicListQueries } = await import('@app/scenarios');
  const captured: { sql: string; params: unknown[] }[] = [];
  const capture = new PublicListQueries(async (sql, params) => {
    captured.push({ sql, params });
    return [];
  }, 0);
  const cases: [string, () => Promise<unknown>][] = [
    ['list, newest, no filter: page', () => capture.page({}, null, 'newest', null, 20)],
    [
      'list, domain + district + open, by deadline: page',
      () => capture.page({ domain: ['agriculture'], district: ['anji'], status: 'open' }, null, 'deadline', null, 20),
    ],
    ['search 童装, by relevance: page', () => capture.page({ q: '童装' }, buildTsquery('童装'), 'relevance', null, 20)],
    ['facets, no filter (uncached cost)', () => capture.facets({}, null)],
    ['facets, search 童装 (uncached cost)', () => capture.facets({ q: '童装' }, buildTsquery('童装'))],
  ];
  for (const [label, run] of cases) {
    captured.length = 0;
    await run();
    await explain(db, label, captured[0].sql, captured[0].params);
  }
  await explain(db, 'detail by code', `SELECT * FROM scenario WHERE code = $1 AND status = ANY ($2)`, [
    code,
    ['published', 'closed'],
  ]);
}

async function coldLatencies(origin: string, paths: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const path of paths) {
    const started = performance.now();
    const res = await fetch(`${origin}${path}`);
    await res.arrayBuffer();
    out.push(performance.now() - started);
  }
  return out;
}

async function main(): Promise<void> {
  const reuse = process.env.BENCH_DB;
  const name = reuse ?? `sx_bench_list_${Date.now().toString(36)}`;
  const url = dbUrl(name);
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    const db = new Client({ connectionString: url });
    if (!reuse) {
      await ensureDatabase(url);
      await runMigrations(url);
      await db.connect();
      const [org] = (
        await db.query(
          `INSERT INTO organisation (type, name_zh, uscc, district_code, contact_name, contact_phone, contact_email, status)
           VALUES ('agency', '湖州市经济和信息化局', '11330500002582830X', 'wuxing', '王测试', '0572-2345678',
                   'b@example.cn', 'verified') RETURNING id`,
        )
      ).rows as { id: string }[];
      const started = Date.now();
      console.log(`generating ${ROWS.toLocaleString('en')} scenarios …`);
      await insertCorpus(db, org.id, ROWS, { log: console.log });
      console.log(`generated in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    } else {
      await db.connect();
    }
    const { rows: counts } = await db.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'published')::int AS open FROM scenario`,
    );
    const codes = (
      await db.query(`SELECT code FROM scenario WHERE status = 'published' ORDER BY md5(id::text) LIMIT 200`)
    ).rows.map((r: { code: string }) => r.code);
    console.log(`scenarios: ${counts[0].total.toLocaleString('en')} (${counts[0].open.toLocaleString('en')} open)`);
    await explainAll(db, codes[0]);
    await db.end();

    const env = {
      NODE_ENV: 'production',
      PROPOSAL_SEAL_KEY: randomBytes(32).toString('base64'),
      JWT_ACCESS_SECRET: randomUUID() + randomUUID(),
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: '10',
      REDIS_PREFIX: name,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      PROCESS_ROLE: 'api',
      RATE_LIMIT_GLOBAL_PER_MINUTE: '100000000',
    };
    const workloads: Workload[] = [
      { name: 'list + filters', paths: LIST_PATHS, p99Target: 50 },
      { name: 'keyword search', paths: SEARCH_PATHS, p99Target: 100 },
      { name: 'detail', paths: codes.map((c) => `/api/v1/public/scenarios/${c}`), p99Target: null },
    ];
    const results = new Map<string, { raw: LoadResult[]; nest: LoadResult[]; cold: number[] }>();
    for (const w of workloads) results.set(w.name, { raw: [], nest: [], cold: [] });

    for (let round = 1; round <= ROUNDS; round++) {
      for (const [label, file, port] of [
        ['raw', 'raw-public-server.ts', 4111],
        ['nest', 'nest-server.ts', 4112],
      ] as const) {
        const child = await startServer(file, port, env);
        const origin = `http://127.0.0.1:${port}`;
        try {
          for (const w of workloads) {
            const r = results.get(w.name)!;
            // The first request of each path on a fresh server, one at a time: nothing cached, cold
            // pools. It also fills the cache, as traffic would, before the timed run of either server.
            const cold = await coldLatencies(origin, w.paths);
            if (label === 'nest' && round === 1) r.cold.push(...cold);
            await load(origin, w.paths, 2); // warm-up (JIT, pools)
            const res = await load(origin, w.paths, DURATION);
            r[label].push(res);
            console.log(
              `round ${round} ${label.padEnd(4)} ${w.name.padEnd(15)} ${res.rps.toFixed(0).padStart(6)} req/s  p50 ${res.p50} ms  p99 ${res.p99} ms  non-2xx ${res.non2xx}`,
            );
          }
        } finally {
          await stopServer(child);
        }
      }
    }

    console.log(
      `\n${ROWS.toLocaleString('en')} scenarios, ${CONNECTIONS} connections, ${DURATION}s x ${ROUNDS} rounds, medians:`,
    );
    for (const w of workloads) {
      const r = results.get(w.name)!;
      const m = (rs: LoadResult[]) => ({
        rps: median(rs.map((x) => x.rps)),
        p50: median(rs.map((x) => x.p50)),
        p99: median(rs.map((x) => x.p99)),
      });
      const raw = m(r.raw);
      const nest = m(r.nest);
      const ratio = nest.rps / raw.rps;
      const cold = [...r.cold].sort((a, b) => a - b);
      console.log(`  ${w.name} (${w.paths.length} distinct requests)`);
      console.log(`    raw node:http + pg: ${raw.rps.toFixed(0)} req/s, p50 ${raw.p50} ms, p99 ${raw.p99} ms`);
      console.log(`    Nest (the API)    : ${nest.rps.toFixed(0)} req/s, p50 ${nest.p50} ms, p99 ${nest.p99} ms`);
      console.log(`    ratio Nest/raw    : ${ratio.toFixed(2)} (target >= 0.70) ${ratio >= 0.7 ? 'MET' : 'NOT MET'}`);
      if (w.p99Target !== null)
        console.log(
          `    p99 target        : <= ${w.p99Target} ms ${nest.p99 <= w.p99Target ? 'MET' : 'NOT MET'} (Nest ${nest.p99} ms)`,
        );
      console.log(
        `    first request of each path, uncached, one at a time: median ${median(cold).toFixed(0)} ms, max ${cold[cold.length - 1].toFixed(0)} ms`,
      );
      if ([...r.raw, ...r.nest].some((x) => x.non2xx > 0)) console.log('    WARNING: some responses were not 2xx');
    }
  } finally {
    if (!reuse) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
