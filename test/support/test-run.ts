/**
 * Names shared by the global setup, every test file and the teardown of one test run. The run id
 * comes from the environment set by global setup, so parallel Jest workers agree on it.
 */
export const ADMIN_DATABASE_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

export function runId(): string {
  const id = process.env.SX_TEST_RUN_ID;
  if (!id) throw new Error('SX_TEST_RUN_ID is not set: run tests through jest (global setup sets it)');
  return id;
}

export const databasePrefix = () => `sx_test_${runId()}_`;
export const templateDatabase = () => `${databasePrefix()}template`;
export const redisPrefix = () => `sxt${runId()}`;

export function databaseUrl(name: string): string {
  const u = new URL(ADMIN_DATABASE_URL);
  u.pathname = `/${name}`;
  return u.toString();
}
