export * from './analyzer';
export * from './synonyms';
export * from './tsvector';
export * from './highlight';
export * from './search.service';
export * from './search.module';
export * from './public-list-engine';
