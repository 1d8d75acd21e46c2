export * from './identity.errors';
export * from './identity.module';
export * from './auth/access-tokens';
export * from './uscc/uscc';
