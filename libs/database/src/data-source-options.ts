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
    logging: ['error'],
    extra: { max: poolSize, application_name: 'scenario-exchange' },
  };
}
