import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * A plain SQL runner on the DataSource's own pg pool (same connections, limits and timeouts) that
 * skips TypeORM's query runner and result handling. For hot, read-only paths whose SQL is written
 * by hand anyway (the public list); everything that writes goes through TypeORM and transactions.
 */
export function poolQuery(dataSource: DataSource): (sql: string, params: unknown[]) => Promise<unknown[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  return async (sql, params) => (await pool.query(sql, params)).rows as unknown[];
}
