/**
 * Authenticated GET through the full Nest stack vs. a raw node:http handler doing the same JWT check
 * and the same indexed query. Both servers run as child processes of this script, one at a time,
 * alternating over several rounds; autocannon drives them from this process. Prints req/s, p50, p99
 * and the Nest/raw throughput ratio (target ≥ 0.7).
 *
 *   npm run bench            (needs PostgreSQL and Redis; creates and drops its own database)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { Client } from 'pg';
import { ensureDatabase, runMigrations } from '@app/database';
import {
  ADMIN_URL,
  CONNECTIONS,
  dbUrl,
  load,
  type LoadResult as Result,
  median,
  startServer,
  stopServer as stop,
} from './support/harness';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DURATION = Number(process.env.BENCH_SECONDS ?? 6);

async function main(): Promise<void> {
  const name = `sx_bench_${Date.now().toString(36)}`;
  const url = dbUrl(name);
  await ensureDatabase(url);
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await runMigrations(url);
    const orgId = randomUUID();
    const db = new Client({ connectionString: url });
    await db.connect();
    await db.query(
      `INSERT INTO organisation (id, type, name_zh, uscc, district_code, contact_name, contact_phone, contact_email, status)
       VALUES ($1, 'vendor', '湖州基准测试科技有限公司', '91330502MA2B3C4D5X', 'wuxing', '王测试', '0572-2345678', 'b@example.cn', 'verified')`,
      [orgId],
    );
    await db.end();
    const secret = randomBytes(32).toString('hex');
    const token = sign({ sub: randomUUID(), org: orgId, role: 'vendor_admin', typ: 'access' }, secret, {
      algorithm: 'HS256',
      issuer: 'scenario-exchange',
      audience: 'scenario-exchange-api',
      expiresIn: 3600,
    });
    const env = {
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: secret,
      PROPOSAL_SEAL_KEY: randomBytes(32).toString('base64'),
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: '10',
      REDIS_PREFIX: `${name}`,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      PROCESS_ROLE: 'api',
      // The benchmark is one client IP: lift the per-IP limit so it measures the work, not 429s.
      RATE_LIMIT_GLOBAL_PER_MINUTE: '100000000',
    };
    const path = `/api/v1/organisations/${orgId}`;
    const auth = { authorization: `Bearer ${token}` };
    const raw: Result[] = [];
    const nest: Result[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [label, file, port, out] of [
        ['raw', 'raw-server.ts', 4101, raw],
        ['nest', 'nest-server.ts', 4102, nest],
      ] as const) {
        const child = await startServer(file, port, env);
        try {
          await load(`http://127.0.0.1:${port}`, [path], 2, auth); // warm-up (JIT, pools)
          const r = await load(`http://127.0.0.1:${port}`, [path], DURATION, auth);
          out.push(r);
          console.log(
            `round ${round} ${label.padEnd(4)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  non-2xx ${r.non2xx}`,
          );
        } finally {
          await stop(child);
        }
      }
    }
    const summary = (rs: Result[]) => ({
      rps: median(rs.map((r) => r.rps)),
      p50: median(rs.map((r) => r.p50)),
      p99: median(rs.map((r) => r.p99)),
    });
    const a = summary(raw);
    const b = summary(nest);
    const ratio = b.rps / a.rps;
    console.log('');
    console.log(
      `GET ${path.replace(orgId, ':id')} (JWT + one primary-key query), ${CONNECTIONS} connections, ${DURATION}s x ${ROUNDS} rounds, medians:`,
    );
    console.log(`  raw node:http : ${a.rps.toFixed(0)} req/s, p50 ${a.p50} ms, p99 ${a.p99} ms`);
    console.log(`  Nest (Fastify): ${b.rps.toFixed(0)} req/s, p50 ${b.p50} ms, p99 ${b.p99} ms`);
    console.log(`  ratio Nest/raw: ${ratio.toFixed(2)} (target >= 0.70) ${ratio >= 0.7 ? 'MET' : 'NOT MET'}`);
    if ([...raw, ...nest].some((r) => r.non2xx > 0)) console.log('  WARNING: some responses were not 2xx');
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
