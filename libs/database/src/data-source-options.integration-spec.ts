import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { dataSourceOptions } from './data-source-options';
import { pendingMigrations } from './migrator';

describe('dataSourceOptions (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, 2)).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('sets the session timeouts that keep runaway statements and open transactions bounded', async () => {
    const [{ statement_timeout }] = await ds.query(`SHOW statement_timeout`);
    const [{ idle_in_transaction_session_timeout }] = await ds.query(`SHOW idle_in_transaction_session_timeout`);
    expect(statement_timeout).toBe('30s');
    expect(idle_in_transaction_session_timeout).toBe('1min');
  });

  it('knows every migration and finds none pending on a migrated database', async () => {
    expect(ds.migrations.length).toBeGreaterThanOrEqual(4);
    expect(await pendingMigrations(ds)).toEqual([]);
    await ds.query(`DELETE FROM schema_migration WHERE name = $1`, [ds.migrations[ds.migrations.length - 1].name]);
    expect(await pendingMigrations(ds)).toEqual([ds.migrations[ds.migrations.length - 1].name]);
  });
});
