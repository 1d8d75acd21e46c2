export * from './audit-record.entity';
export * from './audit-hash';
export * from './audit.service';
export * from './audit-query';
export * from './audit-verifier';
export * from './audit.module';
