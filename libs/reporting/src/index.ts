export * from './reporting-period';
export * from './reporting.dto';
export * from './reporting.views';
export * from './reporting.service';
export * from './reporting.module';
