import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ADMIN_DATABASE_URL, databasePrefix, databaseUrl, redisPrefix, templateDatabase } from './test-run';

let counter = 0;
/**
 * Jest gives every test file a fresh module registry, so `counter` restarts at 0 in each file: the random
 * part keeps a file's names apart from a database an earlier file failed to drop (global teardown drops all).
 */
const fileTag = randomBytes(3).toString('hex');

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file, cloned from the run's template (fast). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `${databasePrefix()}${process.pid}_${fileTag}_${++counter}`;
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabase()}"`);
        break;
      } catch (e) {
        // 55006: the template is briefly in use by another worker's clone; try again.
        if ((e as { code?: string }).code !== '55006' || attempt > 50) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    await admin.end();
  }
  return {
    name,
    url: databaseUrl(name),
    async drop() {
      const c = new Client({ connectionString: ADMIN_DATABASE_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A Redis key prefix unique to one test file of this run (cleaned by global teardown). */
export function uniqueRedisPrefix(label = 'x'): string {
  return `${redisPrefix()}_${process.pid}_${label}_${++counter}`;
}
