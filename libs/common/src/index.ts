export * from './errors/domain-error';
export * from './auth/roles';
export * from './auth/request-context';
export * from './util/canonical-json';
export * from './i18n/messages';
export * from './errors/access-error';
export * from './state/state-machine';
export * from './util/cursor';
