/**
 * Matching evaluation harness (issue 5, item 5):
 *
 *   npm run eval:matching -- <dir>      (reads <dir>/scenarios.json, vendors.json, qrels.json)
 *
 * Creates a fresh database (dropped at the end), migrates it, loads the taxonomy, creates a staff user
 * and an agency, loads the vendors and the scenarios THROUGH THE IMPORT (publishing the scenarios as a
 * batch), runs the real matching jobs on BullMQ (the worker module in-process, with a Redis prefix of
 * its own), reads each scenario's stored ranking and prints nDCG@10 and recall@10 for the engine and
 * for the tags-only baseline. Exit code 0; 1 only on errors.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { type Actor, systemContext } from '@app/common';
import { runMigrations, withDataSource } from '@app/database';
import { OrganisationService, UserService } from '@app/identity';
import { ImportService, ImportsModule, type StaffContext } from '@app/imports';
import { MatchingModule, MatchingService } from '@app/matching';
import { QUEUES } from '@app/queue';
import { upsertTaxonomy } from '@app/taxonomy';
import { WorkerRootModule } from '../../../worker/src/worker-root.module';
import { evalUscc, toImportRows } from './eval-import-rows';
import { type EvalScenario, type EvalVendor, evaluateRankings, formatReport, type Qrels } from './eval-metrics';

const WAIT_TIMEOUT_MS = Number(process.env.EVAL_TIMEOUT_MS ?? 600_000);

function readJson<T>(dir: string, name: string, check: (v: unknown) => boolean): T {
  const path = join(dir, name);
  const value = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (!check(value)) throw new Error(`${path}: not in the expected format`);
  return value as T;
}

const isArrayOfKeyed = (v: unknown) =>
  Array.isArray(v) && v.every((x) => x && typeof x === 'object' && typeof (x as { key?: unknown }).key === 'string');

function databaseUrlFor(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(baseUrl: string, sql: string): Promise<void> {
  const c = new Client({ connectionString: databaseUrlFor(baseUrl, 'postgres') });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_TIMEOUT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${WAIT_TIMEOUT_MS} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

@Module({ imports: [WorkerRootModule, ImportsModule, MatchingModule] })
class EvalModule {}

async function main(): Promise<void> {
  const dir = resolve(process.argv[2] ?? '');
  if (!process.argv[2]) throw new Error('usage: npm run eval:matching -- <dir>');
  const scenarios = readJson<EvalScenario[]>(dir, 'scenarios.json', isArrayOfKeyed);
  const vendors = readJson<EvalVendor[]>(dir, 'vendors.json', isArrayOfKeyed);
  const qrels = readJson<Qrels>(dir, 'qrels.json', (v) => !!v && typeof v === 'object' && !Array.isArray(v));

  const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/scenario_exchange';
  const dbName = `scenario_exchange_eval_${process.pid}`;
  const url = databaseUrlFor(baseUrl, dbName);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';
  const prefix = `sx_eval_${process.pid}_${randomBytes(3).toString('hex')}`;
  const log = (m: string) => process.stderr.write(`[eval] ${m}\n`);

  await adminQuery(baseUrl, `CREATE DATABASE "${dbName}"`);
  let app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>> | undefined;
  try {
    log(`database ${dbName}: migrating`);
    await runMigrations(url);
    await withDataSource(url, (ds) => upsertTaxonomy(ds));
    Object.assign(process.env, {
      DATABASE_URL: url,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: process.env.EVAL_LOG_LEVEL ?? 'warn',
      OUTBOX_POLL_MS: '50',
    });
    app = await NestFactory.createApplicationContext(EvalModule, { logger: ['error'] });
    app.enableShutdownHooks();

    // A staff user (in the enablement centre, created as the CLI's create-admin does) and an agency.
    const users = app.get(UserService);
    const password = `Eval-${randomBytes(12).toString('hex')}`;
    const boot = await users.bootstrapPlatformAdmin(
      { email: 'eval.admin@example.cn', password, displayName: '评测管理员' },
      {
        type: 'enablement_centre',
        nameZh: '湖州市人工智能赋能中心（评测）',
        uscc: evalUscc('centre'),
        districtCode: 'citywide',
        contactName: '评测',
        contactPhone: '0572-0000000',
        contactEmail: 'eval@example.cn',
      },
    );
    if (!boot) throw new Error('could not create the evaluation admin');
    const admin: Actor = { userId: boot.user.id, organisationId: boot.organisation.id, role: 'platform_admin' };
    const staffUser = await users.addMember({ ...systemContext(randomUUID()), actor: admin }, boot.organisation.id, {
      email: 'eval.staff@example.cn',
      password,
      displayName: '评测工作人员',
      role: 'staff',
    });
    const ctx: StaffContext = {
      ...systemContext(`eval-${process.pid}`),
      actor: { userId: staffUser.id, organisationId: boot.organisation.id, role: 'staff' },
    };
    const agency = await app.get(DataSource).transaction((em) =>
      app!.get(OrganisationService).createWithStatus(
        em,
        ctx,
        {
          type: 'agency',
          nameZh: '湖州市评测需求方',
          uscc: evalUscc('agency', '1'),
          districtCode: 'wuxing',
          contactName: '评测',
          contactPhone: '0572-0000000',
          contactEmail: 'agency@eval.example.cn',
        },
        'verified',
      ),
    );

    // Through the import: vendors first, then the scenarios, published as one batch.
    const imports = app.get(ImportService);
    const { scenarioRows, vendorRows } = toImportRows(scenarios, vendors, new Date());
    const asFile = (rows: unknown[], name: string) => ({
      fileName: name,
      format: 'json' as const,
      content: Buffer.from(JSON.stringify(rows)),
    });
    log(`importing ${vendorRows.length} vendors`);
    const v = await imports.importVendors(ctx, asFile(vendorRows, 'vendors.json'));
    log(`importing and publishing ${scenarioRows.length} scenarios`);
    const s = await imports.importScenarios(ctx, asFile(scenarioRows, 'scenarios.json'), {
      publish: true,
      agencyOrganisationId: agency.id,
    });
    if (s.publication?.status !== 'published') {
      throw new Error(`The imported scenarios were not published: ${JSON.stringify(s.publication ?? null)}`);
    }
    const vendorKeyById = new Map(v.items.map((i) => [i.id!, i.key!]));
    const scenarioIdByKey = new Map(s.items.map((i) => [i.key!, i.id!]));

    // The real matching jobs: wait until the outbox is relayed, the matching queue drained and every
    // scenario has stored scores.
    const queue = app.get<Queue>(getQueueToken(QUEUES.matching));
    const ds = app.get(DataSource);
    const started = Date.now();
    log('waiting for the matching jobs');
    let quiet = 0;
    let lastReport = Date.now();
    await waitFor(async () => {
      const [{ pending }] = (await ds.query(
        `SELECT count(*)::int AS pending FROM outbox_event WHERE sent_at IS NULL`,
      )) as {
        pending: number;
      }[];
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
      // Delayed jobs are retries (backoff) — except the nightly rematch's scheduled run, which is not ours.
      const delayed = (await queue.getJobs(['delayed'])).filter((j) => !j.repeatJobKey).length;
      const busy = Object.values(counts).reduce((a, b) => a + b, 0) + delayed;
      const [{ scored }] = (await ds.query(
        `SELECT count(DISTINCT scenario_id)::int AS scored FROM match_score WHERE scenario_id = ANY ($1::uuid[])`,
        [[...scenarioIdByKey.values()]],
      )) as { scored: number }[];
      quiet = pending === 0 && busy === 0 && scored === scenarioIdByKey.size ? quiet + 1 : 0;
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        const failed = await queue.getFailedCount();
        log(
          `outbox pending ${pending}, matching jobs queued/active ${busy}, failed ${failed}, scenarios scored ${scored}/${scenarioIdByKey.size}`,
        );
      }
      return quiet >= 3; // settled for three polls in a row
    }, 'the matching jobs');
    log(`matching settled in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const matching = app.get(MatchingService);
    const engineRankings: Record<string, string[]> = {};
    for (const [key, id] of scenarioIdByKey) {
      const top = await matching.topVendorsForScenario(id, 50);
      engineRankings[key] = top.items.map((m) => vendorKeyById.get(m.organisationId) ?? `?${m.organisationId}`);
    }
    const report = evaluateRankings({ scenarios, vendors, qrels, engineRankings, k: 10 });
    process.stdout.write(
      `Matching evaluation: ${scenarios.length} scenarios, ${vendors.length} vendors (${dir})\n` +
        `engine vs tags-only baseline (shared capability codes), means over scenarios\n\n${formatReport(report)}\n`,
    );
  } finally {
    await app?.close().catch((e: unknown) => log(`closing: ${(e as Error).message}`));
    await adminQuery(baseUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch((e: unknown) =>
      log(`dropping ${dbName}: ${(e as Error).message}`),
    );
    await dropRedisKeys(redisUrl, prefix).catch((e: unknown) => log(`redis cleanup: ${(e as Error).message}`));
  }
}

async function dropRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
