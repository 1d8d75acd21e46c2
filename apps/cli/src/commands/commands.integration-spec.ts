import { Test, type TestingModule } from '@nestjs/testing';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { databasePrefix, databaseUrl } from '../../../../test/support/test-run';
import { CliModule } from '../cli.module';
import { CliOutput } from '../cli-output';
import { DEMO_VENDORS } from '../seed/demo-data';
import { RecordingOutput } from '../testing/recording-output';
import { AuditVerifyCommand } from './audit-verify.command';
import { CreateAdminCommand } from './create-admin.command';
import { MigrateCommand } from './migrate.command';
import { SeedCommand } from './seed.command';
import { SearchReindexCommand } from './search-reindex.command';

/** The CLI's Nest module on `url`, with output recorded instead of printed. */
async function cliOn(url: string): Promise<{ moduleRef: TestingModule; out: RecordingOutput }> {
  process.env.DATABASE_URL = url;
  process.env.DATABASE_POOL_SIZE = '3';
  const out = new RecordingOutput();
  const moduleRef = await Test.createTestingModule({ imports: [CliModule] })
    .overrideProvider(CliOutput)
    .useValue(out)
    .compile();
  await moduleRef.init();
  return { moduleRef, out };
}

/** An expected error is one line: a message and its code, never a stack trace. */
function expectOneLineError(out: RecordingOutput, code: string): void {
  expect(out.exitCode).toBe(1);
  expect(out.stderr).toHaveLength(1);
  expect(out.stderr[0]).toMatch(new RegExp(`^error: .+\\[${code}[\\],]`));
  expect(out.stderr[0].trimEnd()).not.toContain('\n');
}

describe('CLI commands (real Postgres)', () => {
  let db: TestDatabase;
  let moduleRef: TestingModule;
  let out: RecordingOutput;
  let pg: Client;
  const savedUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ moduleRef, out } = await cliOn(db.url));
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });

  afterAll(async () => {
    await pg?.end();
    await moduleRef?.close();
    await db?.drop();
    process.env.DATABASE_URL = savedUrl;
  });

  beforeEach(() => out.reset());

  async function count(sql: string): Promise<number> {
    return (await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`)).rows[0].n;
  }

  const admin = { email: 'Ops.Admin@Huzhou.example.cn', password: 'Huzhou-2026-ops', name: '运维管理员' };

  describe('create-admin', () => {
    it('refuses an invalid email with one clear line and creates nothing', async () => {
      await moduleRef.get(CreateAdminCommand).run([], { ...admin, email: 'not-an-email' });
      expectOneLineError(out, 'COMMON_VALIDATION_FAILED');
      expect(out.stderr[0]).toContain('email: Must be a valid email address');
      expect(await count('app_user')).toBe(0);
    });

    it('refuses a weak password with one clear line and creates nothing', async () => {
      await moduleRef.get(CreateAdminCommand).run([], { ...admin, password: 'onlyletters' });
      expectOneLineError(out, 'IDENTITY_WEAK_PASSWORD');
      expect(out.stderr[0]).toContain('at least 10 characters with both letters and digits');
      expect(await count('app_user')).toBe(0);
      expect(await count('organisation')).toBe(0);
    });

    it('creates the enablement centre and the first platform admin, audited', async () => {
      await moduleRef.get(CreateAdminCommand).run([], admin);
      expect(out.exitCode).toBe(0);
      expect(out.stdout.join('')).toMatch(
        /^created platform admin ops\.admin@huzhou\.example\.cn \(运维管理员\) in 湖州市人工智能赋能中心 \[[0-9a-f-]{36}\]\n$/,
      );
      const { rows } = await pg.query(
        `SELECT u.role, o.type, o.name_zh, o.status FROM app_user u JOIN organisation o ON o.id = u.organisation_id
          WHERE u.email = 'ops.admin@huzhou.example.cn'`,
      );
      expect(rows).toEqual([
        { role: 'platform_admin', type: 'enablement_centre', name_zh: '湖州市人工智能赋能中心', status: 'verified' },
      ]);
      const actions = await pg.query(`SELECT action FROM audit_record ORDER BY id`);
      expect(actions.rows.map((r) => r.action)).toEqual(['organisation.create', 'user.bootstrap_admin']);
    });

    it('says so and changes nothing when the email already exists (any case)', async () => {
      const audit = await count('audit_record');
      await moduleRef.get(CreateAdminCommand).run([], { ...admin, email: admin.email.toUpperCase() });
      expect(out.exitCode).toBe(0);
      expect(out.stdout).toEqual(['a user with email ops.admin@huzhou.example.cn already exists; nothing changed\n']);
      expect(await count('app_user')).toBe(1);
      expect(await count('audit_record')).toBe(audit);
    });
  });

  describe('seed after create-admin', () => {
    it('joins the existing centre, prints its progress and reports nothing created the second time', async () => {
      await moduleRef.get(SeedCommand).run([], {});
      expect(out.exitCode).toBe(0);
      const text = out.stdout.join('');
      expect(text).toContain(
        `[4/10] vendors … ${DEMO_VENDORS.length}/${DEMO_VENDORS.length} (${DEMO_VENDORS.length} created)`,
      );
      expect(text).toContain('agency.admin@demo.huzhou.ai');
      expect(await count(`organisation WHERE type = 'enablement_centre'`)).toBe(1);
      expect(
        await count(`app_user u JOIN organisation o ON o.id = u.organisation_id
                     WHERE u.email = 'staff@demo.huzhou.ai' AND o.type = 'enablement_centre'`),
      ).toBe(1);

      out.reset();
      await moduleRef.get(SeedCommand).run([], {});
      expect(out.exitCode).toBe(0);
      expect(out.stdout.join('')).toContain(
        '0 created (taxonomy terms 0, organisations 0, users 0, scenarios 0, batches 0, vendor profiles 0, earlier-batch scenarios 0, proposals 0)',
      );
    });
  });

  describe('search:reindex', () => {
    it('rebuilds emptied search vectors, so search finds those scenarios again, without touching anything else', async () => {
      const vectors = async () =>
        (
          await pg.query<{ id: string; v: string; updated_at: Date; version: number }>(
            `SELECT id, search_vector::text AS v, updated_at, version FROM scenario ORDER BY id`,
          )
        ).rows;
      const before = await vectors();
      expect(before.length).toBeGreaterThan(20);
      const audit = await count('audit_record');
      // As rows saved before the search column existed, or by an older analyzer, would be.
      await pg.query(`UPDATE scenario SET search_vector = ''::tsvector`);
      const profiles = Number((await pg.query(`SELECT count(*) AS n FROM vendor_profile`)).rows[0].n);
      expect(profiles).toBeGreaterThan(5);
      await pg.query(`UPDATE vendor_profile SET search_vector = ''::tsvector`);
      const found = async () =>
        Number(
          (await pg.query(`SELECT count(*) AS n FROM scenario WHERE search_vector @@ to_tsquery('simple', '童装')`))
            .rows[0].n,
        );
      expect(await found()).toBe(0);

      out.reset();
      await moduleRef.get(SearchReindexCommand).run([]);
      expect(out.exitCode).toBe(0);
      expect(out.stdout.at(-1)).toMatch(
        new RegExp(
          `^reindexed ${before.length} scenario\\(s\\) and ${profiles} vendor profile\\(s\\) in \\d+\\.\\d s\\n$`,
        ),
      );
      const emptyProfiles = await pg.query(`SELECT 1 FROM vendor_profile WHERE search_vector = ''::tsvector`);
      expect(emptyProfiles.rows).toEqual([]);
      expect(await found()).toBeGreaterThan(0);
      expect(await vectors()).toEqual(before);
      expect(await count('audit_record')).toBe(audit);
    });
  });

  describe('audit:verify', () => {
    it('reports the number of records checked and OK on an intact chain', async () => {
      const records = await count('audit_record');
      expect(records).toBeGreaterThan(30);
      await moduleRef.get(AuditVerifyCommand).run([]);
      expect(out.exitCode).toBe(0);
      expect(out.stdout[0]).toBe(`OK: ${records} audit record(s) checked, chain intact\n`);
      expect(out.stdout[1]).toMatch(new RegExp(`^head: record \\d+, hash [0-9a-f]{64}\\n$`));
    });

    it('names the first tampered record and exits with code 1', async () => {
      const { rows } = await pg.query<{ id: string; action: string }>(
        `SELECT r.id::text AS id, r.action FROM audit_record r ORDER BY r.id OFFSET 5 LIMIT 1`,
      );
      const [{ id, action }] = rows;
      // As an attacker with database access would: triggers off, then rewrite a record in place.
      const attacker = new Client({ connectionString: db.url });
      await attacker.connect();
      try {
        await attacker.query(`SET session_replication_role = replica`);
        await attacker.query(`UPDATE audit_record SET action = 'organisation.delete' WHERE id = $1`, [id]);
        await moduleRef.get(AuditVerifyCommand).run([]);
        expect(out.exitCode).toBe(1);
        expect(out.stdout).toEqual([]);
        expect(out.stderr).toHaveLength(1);
        expect(out.stderr[0]).toMatch(
          new RegExp(`^TAMPERED: audit record ${id} \\(hash_mismatch\\): .*; 6 record\\(s\\) checked\\n$`),
        );
      } finally {
        await attacker.query(`UPDATE audit_record SET action = $2 WHERE id = $1`, [id, action]);
        await attacker.end();
      }
      out.reset();
      await moduleRef.get(AuditVerifyCommand).run([]);
      expect(out.exitCode).toBe(0);
    });
  });

  describe('migrate on a migrated database', () => {
    it('--status reports it up to date', async () => {
      await moduleRef.get(MigrateCommand).run([], { status: true });
      expect(out.exitCode).toBe(0);
      expect(out.stdout).toEqual([`database ${db.name} is up to date\n`]);
    });

    it('refuses --revert together with --status', async () => {
      await moduleRef.get(MigrateCommand).run([], { status: true, revert: true });
      expectOneLineError(out, 'CLI_CONFLICTING_OPTIONS');
    });
  });

  describe('on a database that does not exist', () => {
    let missing: { moduleRef: TestingModule; out: RecordingOutput };
    const name = `${databasePrefix()}cli_missing_${process.pid}`;

    beforeAll(async () => {
      missing = await cliOn(databaseUrl(name));
    });
    afterAll(async () => {
      await missing?.moduleRef.close();
    });

    it('seed, create-admin and audit:verify say to run migrate first, in one line', async () => {
      await missing.moduleRef.get(SeedCommand).run([], {});
      expectOneLineError(missing.out, 'CLI_DATABASE_MISSING');
      expect(missing.out.stderr[0]).toBe(
        `error: Database ${name} does not exist; run \`migrate\` first [CLI_DATABASE_MISSING]\n`,
      );
      missing.out.reset();
      await missing.moduleRef.get(AuditVerifyCommand).run([]);
      expectOneLineError(missing.out, 'CLI_DATABASE_MISSING');
      missing.out.reset();
      await missing.moduleRef.get(CreateAdminCommand).run([], admin);
      expectOneLineError(missing.out, 'CLI_DATABASE_MISSING');
    });

    it('migrate --status lists every migration as pending and exits with code 1, creating nothing', async () => {
      await missing.moduleRef.get(MigrateCommand).run([], { status: true });
      expect(missing.out.exitCode).toBe(1);
      expect(missing.out.stdout[0]).toBe(`database ${name} does not exist\n`);
      expect(missing.out.stdout.at(-1)).toMatch(/^\d+ migration\(s\) pending\n$/);
      const exists = await pg.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
      expect(exists.rowCount).toBe(0);
    });
  });
});
