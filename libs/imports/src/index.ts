export * from './imports.errors';
export * from './import-table';
export * from './import-columns';
export * from './import-rows';
export * from './import-upload';
export * from './import.dto';
export * from './import.service';
export * from './imports.module';
