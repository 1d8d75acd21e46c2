export * from './database.module';
export * from './data-source-options';
export * from './migrator';
export { MIGRATIONS } from './migrations';
export * from './keyset';
export * from './pool-query';
export * from './column-transformers';
