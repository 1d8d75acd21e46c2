import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '../../libs/database/src/migrator';
import { ADMIN_DATABASE_URL, databaseUrl, templateDatabase } from './test-run';
import { loadTaxonomyInto } from './taxonomy-fixture';

/** Creates this run's template database (migrated, reference data loaded); each test file clones it. */
export default async function globalSetup(): Promise<void> {
  process.env.SX_TEST_RUN_ID = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${templateDatabase()}"`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(templateDatabase());
  await runMigrations(url);
  await loadTaxonomyInto(url);
}
