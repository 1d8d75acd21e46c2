import { Client } from 'pg';
import { loadConfig } from '@app/config';
import { MIGRATIONS } from '@app/database';
import { ADMIN_DATABASE_URL, databasePrefix, databaseUrl } from '../../../../test/support/test-run';
import { MigrationRunner } from './migration-runner';

const NAMES = MIGRATIONS.map((M) => new M().name ?? M.name);

describe('MigrationRunner on a brand-new database (real Postgres)', () => {
  // In this run's prefix, so the global teardown drops it even if this file crashes.
  const name = `${databasePrefix()}cli_migrate_${process.pid}`;
  const runner = new MigrationRunner(loadConfig({ DATABASE_URL: databaseUrl(name) }));
  let admin: Client;

  beforeAll(async () => {
    admin = new Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
  });

  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  /** Tables, views, functions and triggers the schema holds, apart from TypeORM's bookkeeping. */
  async function schemaObjects(): Promise<string[]> {
    const db = new Client({ connectionString: databaseUrl(name) });
    await db.connect();
    try {
      const { rows } = await db.query<{ o: string }>(`
        SELECT 'table ' || table_name AS o FROM information_schema.tables
         WHERE table_schema = 'public' AND table_name <> 'schema_migration'
        UNION ALL SELECT 'function ' || routine_name FROM information_schema.routines WHERE routine_schema = 'public'
        UNION ALL SELECT 'trigger ' || trigger_name FROM information_schema.triggers WHERE trigger_schema = 'public'
        ORDER BY 1`);
      return rows.map((r) => r.o);
    } finally {
      await db.end();
    }
  }

  it('reports every migration pending while the database does not exist, without creating it', async () => {
    expect(await runner.status()).toEqual({ database: name, exists: false, pending: NAMES });
    const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    expect(rowCount).toBe(0);
  });

  it('creates the database and applies every migration in order; then nothing is pending', async () => {
    expect(await runner.apply()).toEqual({ databaseCreated: true, applied: NAMES });
    expect(await runner.status()).toEqual({ database: name, exists: true, pending: [] });
    await expect(runner.assertCurrent()).resolves.toBeUndefined();
    expect(await schemaObjects()).toEqual(expect.arrayContaining(['table organisation', 'table audit_record']));
    // A second run finds the database and has nothing to do.
    expect(await runner.apply()).toEqual({ databaseCreated: false, applied: [] });
  });

  it('reverts every migration, newest first, down to an empty schema, and migrates up again', async () => {
    const migrated = await schemaObjects();
    for (let i = NAMES.length - 1; i >= 0; i--) {
      expect(await runner.revert()).toBe(NAMES[i]);
      expect((await runner.status()).pending).toEqual(NAMES.slice(i));
    }
    await expect(runner.assertCurrent()).rejects.toMatchObject({ code: 'CLI_MIGRATIONS_PENDING' });
    expect(await schemaObjects()).toEqual([]);
    expect(await runner.revert()).toBeNull();

    expect(await runner.apply()).toEqual({ databaseCreated: false, applied: NAMES });
    expect(await runner.status()).toEqual({ database: name, exists: true, pending: [] });
    expect(await schemaObjects()).toEqual(migrated);
  });
});
