import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** Options shared by the Nest module, the migration CLI and the test harness. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    // Failed queries reach their callers as errors (the API logs unexpected ones without parameters);
    // TypeORM's own error log would print every parameter, i.e. user text, of an expected conflict too.
    logging: false,
    extra: {
      max: poolSize,
      application_name: 'scenario-exchange',
      // Fail fast instead of hanging when PostgreSQL is unreachable or a statement runs away; a
      // transaction left open must not hold row locks or the audit chain lock indefinitely.
      connectionTimeoutMillis: 5_000,
      statement_timeout: 30_000,
      idle_in_transaction_session_timeout: 60_000,
    },
  };
}
