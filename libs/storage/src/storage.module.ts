import { Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { FileStorage } from './file-storage';
import { LocalDiskStorage } from './local-disk-storage';

/** Provides `FileStorage`: local disk under `STORAGE_DIR` (the default; other back ends implement the same class). */
@Module({
  providers: [
    {
      provide: FileStorage,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new LocalDiskStorage(config.STORAGE_DIR),
    },
  ],
  exports: [FileStorage],
})
export class StorageModule {}
