/**
 * Notification fan-out end to end: 10,000 recipients (BENCH_RECIPIENTS) of one event — outbox →
 * relay → domain-event handler (routing) → fan-out job → chunk jobs → in-app rows + email delivery
 * rows → emails over pooled SMTP to a local smtp-server — in a real worker process, against a raw
 * BullMQ benchmark run in the same script: the same number of no-op jobs, added in bulk and processed
 * by a Worker at the same concurrency.
 *
 *   items/s (fan-out) = recipients / (seconds from the outbox insert until every recipient has its
 *                       in-app row, every email was received by the SMTP server and marked sent)
 *   items/s (no-op)   = jobs / (seconds from the first addBulk until the last job completed), one job
 *                       per recipient (BENCH_RECIPIENTS jobs), added with addBulk in batches of 1000,
 *                       processed by a Worker at the fan-out's concurrency, on the same Redis
 *   ratio             = items/s (fan-out) / items/s (no-op)
 *
 * BENCH_ROUNDS (default 3) alternating rounds (fan-out, then no-op, with the worker process idle
 * during the no-op); the medians are reported. CPU seconds per process (worker, this process with
 * the SMTP server, PostgreSQL, Redis) are read from /proc to show where the time goes.
 *
 * Knobs: BENCH_CONCURRENCY (jobs per worker process, default 16; the no-op uses the same),
 * BENCH_CHUNK (recipients per chunk job, 250), BENCH_EMAILS_IN_FLIGHT (per job, 1), BENCH_WORKERS
 * (worker processes, 1), BENCH_SMTP=lean (a minimal SMTP receiver instead of smtp-server, to take
 * the receiving server's CPU out of the machine's budget), BENCH_TIMELINE=1 (when the emails
 * arrived and when each job was added, started and finished). Before the measured rounds a warm-up
 * fan-out of CONCURRENCY × CHUNK recipients opens every lane's database and SMTP connections.
 *
 * Targets: fan-out ≤ 30 s, ratio ≥ 0.5.
 *
 *   npm run bench:notifications          # creates and drops its own database and Redis prefix
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { ensureDatabase, runMigrations } from '@app/database';
import { NOTIFICATION_JOBS } from '@app/notifications';
import { QUEUES, redisOptionsFromUrl } from '@app/queue';
import { SmtpSink } from '../apps/worker/src/notifications/testing/smtp-sink';
import { spawnWorker, stopGracefully } from '../apps/worker/src/notifications/testing/worker-process';
import { ADMIN_URL, dbUrl } from './support/harness';
import { LeanSmtpReceiver } from './support/lean-smtp-receiver';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const EMAILS_IN_FLIGHT = Number(process.env.BENCH_EMAILS_IN_FLIGHT ?? 1);
const CHUNK = Number(process.env.BENCH_CHUNK ?? 250);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Worker processes sharing the fan-out (each at BENCH_CONCURRENCY). */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
/** `smtp-server` (the default: the project's test SMTP sink) or `lean` (LeanSmtpReceiver). */
const SMTP_KIND = process.env.BENCH_SMTP === 'lean' ? 'lean' : 'smtp-server';

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function count(pg: Client, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await pg.query<{ n: string }>(sql, params);
  return Number(rows[0].n);
}

/** An organisation with `users` users (bulk SQL); returns its id. */
async function organisation(pg: Client, users: number, label: string): Promise<string> {
  const uscc = `91330500MA${randomBytes(4).toString('hex').toUpperCase()}`;
  const { rows } = await pg.query<{ id: string }>(
    `INSERT INTO organisation (type, name_zh, uscc, district_code, contact_name, contact_phone, contact_email, status)
     VALUES ('vendor', $1, $2, '330502', '张三', '13800000000', 'ops@bench.test', 'verified') RETURNING id`,
    [`湖州压测科技 ${label}`, uscc],
  );
  await pg.query(
    `INSERT INTO app_user (email, password_hash, display_name, organisation_id, role)
     SELECT $3 || '-' || g || '@bench.test', 'x', '用户' || g, $1, 'vendor_member' FROM generate_series(1, $2) g`,
    [rows[0].id, users, label],
  );
  return rows[0].id;
}

async function verifiedEvent(pg: Client, orgId: string): Promise<void> {
  await pg.query(
    `INSERT INTO outbox_event (type, aggregate_type, aggregate_id, payload)
     VALUES ('organisation.verified', 'organisation', $1, jsonb_build_object('organisationId', $1::text))`,
    [orgId],
  );
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); null elsewhere. */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

/**
 * PostgreSQL processes to count: the backends connected to the bench's database (`ours`), or with
 * `ours` empty every PostgreSQL process (other databases' users of the server included).
 */
function postgresPids(ours: Set<number>): number[] {
  if (ours.size) return [...ours];
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return pids;
}

/** Backends of the bench's database (the worker's pool, this script's client), refreshed before each round. */
const ourBackends = new Set<number>();

interface CpuSnapshot {
  worker: number | null;
  bench: number;
  postgres: Map<number, number>;
  redis: number | null;
}

function snapshot(workerPids: (number | undefined)[], redisPid: number | undefined): CpuSnapshot {
  const { user, system } = process.cpuUsage();
  const postgres = new Map<number, number>();
  for (const pid of postgresPids(ourBackends)) postgres.set(pid, cpuSeconds(pid) ?? 0);
  const perWorker = workerPids.map((pid) => cpuSeconds(pid));
  const worker = perWorker.some((v) => v === null) ? null : perWorker.reduce<number>((a, v) => a + (v ?? 0), 0);
  return { worker, bench: (user + system) / 1e6, postgres, redis: cpuSeconds(redisPid) };
}

/** CPU seconds used between two snapshots, per process group. */
function cpuUsed(a: CpuSnapshot, b: CpuSnapshot): Record<'worker' | 'bench' | 'postgres' | 'redis', number> {
  let postgres = 0;
  for (const [pid, after] of b.postgres) postgres += after - (a.postgres.get(pid) ?? 0);
  return {
    worker: a.worker !== null && b.worker !== null ? b.worker - a.worker : NaN,
    bench: b.bench - a.bench,
    postgres,
    redis: a.redis !== null && b.redis !== null ? b.redis - a.redis : NaN,
  };
}

interface Round {
  seconds: number;
  cpu: ReturnType<typeof cpuUsed>;
  load: number;
}

async function rawBullmq(prefix: string, redisPid: number | undefined): Promise<Round> {
  const connection = { ...redisOptionsFromUrl(REDIS_URL), maxRetriesPerRequest: null };
  const queue = new Queue('bench-noop', { connection, prefix });
  let done = 0;
  let finished!: () => void;
  const all = new Promise<void>((r) => (finished = r));
  const worker = new Worker(
    'bench-noop',
    async () => {
      /* no-op */
    },
    { connection, prefix, concurrency: CONCURRENCY, autorun: false },
  );
  worker.on('completed', () => {
    if (++done === RECIPIENTS) finished();
  });
  await worker.waitUntilReady();
  await queue.waitUntilReady();
  const before = snapshot([], redisPid);
  const started = process.hrtime.bigint();
  void worker.run();
  for (let i = 0; i < RECIPIENTS; i += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, RECIPIENTS - i) }, (_, j) => ({
        name: 'noop',
        data: { n: i + j },
        opts: { removeOnComplete: true, removeOnFail: true },
      })),
    );
  }
  await all;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = cpuUsed(before, snapshot([], redisPid));
  const load = loadavg()[0];
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { seconds, cpu, load };
}

/** BENCH_TIMELINE: when each notifications job of the round was added, started and finished (ms after the event). */
async function printJobTimeline(prefix: string, since: number): Promise<void> {
  const queue = new Queue(QUEUES.notifications, { connection: redisOptionsFromUrl(REDIS_URL), prefix });
  const jobs = (await queue.getJobs(['completed'], 0, -1)).filter((j) => j.timestamp >= since);
  jobs.sort((a, b) => (a.processedOn ?? 0) - (b.processedOn ?? 0));
  const at = (t?: number) => (t ? t - since : -1);
  console.log(
    `         jobs (name added/started/finished ms): ${jobs
      .map(
        (j) =>
          `${j.name === NOTIFICATION_JOBS.chunk ? `chunk ${String(j.data.chunkNo)}` : j.name} ${at(j.timestamp)}/${at(j.processedOn)}/${at(j.finishedOn)}`,
      )
      .join(', ')}`,
  );
  await queue.close();
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const perItem = (cpu: ReturnType<typeof cpuUsed>) =>
  (Object.entries(cpu) as [string, number][])
    .filter(([, v]) => !Number.isNaN(v))
    .map(([k, v]) => `${k} ${((v * 1000) / RECIPIENTS).toFixed(3)}`)
    .join(', ');

async function main(): Promise<void> {
  const name = `sx_bench_notify_${randomBytes(4).toString('hex')}`;
  const url = dbUrl(name);
  const prefix = `sxbn${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await ensureDatabase(url);
  await runMigrations(url);
  const pg = new Client({ connectionString: url });
  await pg.connect();
  const info = new Redis(redisOptionsFromUrl(REDIS_URL));
  const redisPid = Number(/process_id:(\d+)/.exec(await info.info('server'))?.[1]) || undefined;
  await info.quit();
  const sink = SMTP_KIND === 'lean' ? await new LeanSmtpReceiver().start() : await new SmtpSink().start();
  if (sink instanceof SmtpSink) sink.keepMails = false;
  const workers = Array.from({ length: WORKERS }, (_, i) =>
    spawnWorker(
      {
        DATABASE_URL: url,
        DATABASE_POOL_SIZE: String(Math.max(10, CONCURRENCY + 8)),
        REDIS_URL,
        REDIS_PREFIX: prefix,
        SMTP_URL: sink.url,
        SMTP_POOL_SIZE: String(Math.max(4, CONCURRENCY * EMAILS_IN_FLIGHT)),
        OUTBOX_POLL_MS: '50',
        NOTIFICATION_CHUNK_SIZE: String(CHUNK),
        NOTIFICATION_WORKER_CONCURRENCY: String(CONCURRENCY),
        NOTIFICATION_EMAILS_IN_FLIGHT_PER_JOB: String(EMAILS_IN_FLIGHT),
        EMAIL_RATE_LIMIT_PER_SECOND: '0',
        LOG_LEVEL: 'warn',
      },
      `bench-worker-${i + 1}`,
    ),
  );
  const fanouts: Round[] = [];
  const noops: Round[] = [];
  try {
    // Warm-up (ts-node start, pools, SMTP connections): a small fan-out, not measured.
    // As many recipients as the worker runs chunks at once, so every lane's connections (database pool,
    // SMTP pool) are open before the first measured round, as in a worker that has been running a while.
    const warmRecipients = Math.max(50, CONCURRENCY * CHUNK * WORKERS);
    const warm = await organisation(pg, warmRecipients, 'warm');
    await verifiedEvent(pg, warm);
    await waitFor(() => sink.byKey.size >= warmRecipients, 180_000, 'the warm-up fan-out');
    await rawBullmq(`${prefix}warm`, redisPid); // warms this process's BullMQ code paths too

    for (let round = 1; round <= ROUNDS; round++) {
      const orgId = await organisation(pg, RECIPIENTS, `load${round}`);
      await new Promise((r) => setTimeout(r, 500)); // let the bulk insert's aftermath settle
      const before = sink.byKey.size;
      const refreshBackends = async () => {
        const { rows } = await pg.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [name]);
        for (const r of rows) ourBackends.add(r.pid);
      };
      ourBackends.clear();
      await refreshBackends();
      const cpuBefore = snapshot(
        workers.map((w) => w.pid),
        redisPid,
      );
      const started = process.hrtime.bigint();
      const startedAt = Date.now();
      await verifiedEvent(pg, orgId);
      // BENCH_TIMELINE=1: when the first email arrived and each further tenth (where the wall time goes).
      const marks: string[] = [];
      const sampler = setInterval(() => {
        const got = sink.byKey.size - before;
        const tenth = Math.floor((got * 10) / RECIPIENTS);
        if (got > 0 && (marks.length === 0 || tenth >= marks.length)) {
          marks.push(`${got}@${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0)}ms`);
        }
      }, 10);
      await waitFor(() => sink.byKey.size - before >= RECIPIENTS, 120_000, 'every email');
      clearInterval(sampler);
      if (process.env.BENCH_TIMELINE) {
        console.log(`         emails received: ${marks.join(' ')}`);
        await printJobTimeline(prefix, startedAt);
      }
      await waitFor(
        async () =>
          (await count(
            pg,
            `SELECT count(*) AS n FROM notification_delivery d JOIN app_user u ON u.id = d.recipient_user_id
              WHERE u.organisation_id = $1 AND d.status = 'sent'`,
            [orgId],
          )) === RECIPIENTS,
        60_000,
        'every delivery marked sent',
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      await refreshBackends(); // backends the pool opened during the round: all their CPU is the round's
      const cpu = cpuUsed(
        cpuBefore,
        snapshot(
          workers.map((w) => w.pid),
          redisPid,
        ),
      );
      const load = loadavg()[0];
      const inApp = await count(
        pg,
        `SELECT count(*) AS n FROM notification n JOIN app_user u ON u.id = n.recipient_user_id WHERE u.organisation_id = $1`,
        [orgId],
      );
      if (inApp !== RECIPIENTS) throw new Error(`Expected ${RECIPIENTS} in-app rows, found ${inApp}`);
      fanouts.push({ seconds, cpu, load });
      await new Promise((r) => setTimeout(r, 500));
      noops.push(await rawBullmq(`${prefix}noop${round}`, redisPid));
      const f = fanouts[round - 1];
      const n = noops[round - 1];
      console.log(
        `round ${round}: fan-out ${f.seconds.toFixed(2)} s (${(RECIPIENTS / f.seconds).toFixed(0)}/s, load ${f.load.toFixed(1)}), ` +
          `no-op ${n.seconds.toFixed(2)} s (${(RECIPIENTS / n.seconds).toFixed(0)}/s, load ${n.load.toFixed(1)}), ` +
          `ratio ${(n.seconds / f.seconds).toFixed(2)}`,
      );
      console.log(`         CPU ms per item — fan-out: ${perItem(f.cpu)}; no-op: ${perItem(n.cpu)}`);
    }

    const fanoutSeconds = median(fanouts.map((r) => r.seconds));
    const noopSeconds = median(noops.map((r) => r.seconds));
    const fanoutRate = RECIPIENTS / fanoutSeconds;
    const noopRate = RECIPIENTS / noopSeconds;
    const ratio = median(fanouts.map((f, i) => noops[i].seconds / f.seconds));
    const medianCpu = (rounds: Round[]) => {
      const keys = ['worker', 'bench', 'postgres', 'redis'] as const;
      return Object.fromEntries(keys.map((k) => [k, median(rounds.map((r) => r.cpu[k]))])) as Round['cpu'];
    };
    const fCpu = medianCpu(fanouts);
    const nCpu = medianCpu(noops);
    const total = (c: Round['cpu']) => Object.values(c).reduce((a, v) => a + (Number.isNaN(v) ? 0 : v), 0);
    console.log(
      `\nNotification fan-out, ${RECIPIENTS} recipients (in-app row + email each), chunk ${CHUNK}, ` +
        `worker concurrency ${CONCURRENCY}, emails in flight per job ${EMAILS_IN_FLIGHT}; median of ${ROUNDS} alternating rounds`,
    );
    console.log(
      `  fan-out end to end : ${fanoutSeconds.toFixed(2)} s  = ${fanoutRate.toFixed(0)} recipients/s  (target ≤ 30 s: ${fanoutSeconds <= 30 ? 'met' : 'NOT met'})`,
    );
    console.log(
      `  raw BullMQ no-op   : ${noopSeconds.toFixed(2)} s  = ${noopRate.toFixed(0)} jobs/s (${RECIPIENTS} jobs by addBulk, concurrency ${CONCURRENCY}, same Redis)`,
    );
    console.log(
      `  ratio              : ${ratio.toFixed(2)}  (median of the per-round ratios; target ≥ 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'})`,
    );
    console.log(`  SMTP messages      : ${sink.total} received, ${sink.duplicates} duplicates`);
    console.log(
      `  CPU per item (ms)  : fan-out ${perItem(fCpu)} = ${((total(fCpu) * 1000) / RECIPIENTS).toFixed(3)} total; ` +
        `no-op ${perItem(nCpu)} = ${((total(nCpu) * 1000) / RECIPIENTS).toFixed(3)} total`,
    );
    console.log(
      `  load average       : ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} on ${cpus().length} cores (the machine may be shared; postgres = backends of the bench's database)`,
    );
  } finally {
    await Promise.all(workers.map((w) => stopGracefully(w)));
    await pg.end();
    await sink.stop();
    const redis = new Redis(redisOptionsFromUrl(REDIS_URL));
    for (let cursor = '0'; ;) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      if ((cursor = next) === '0') break;
    }
    await redis.quit();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
