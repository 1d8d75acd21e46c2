export * from './file-storage';
export * from './local-disk-storage';
export * from './storage.errors';
export * from './storage.module';
export * from './attachment-types';
export * from './upload-inspector';
export * from './upload-intake';
export * from './stored-file.entity';
