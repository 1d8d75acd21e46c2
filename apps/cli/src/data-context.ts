import { Injectable, type INestApplicationContext, type OnModuleDestroy, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CliDataModule } from './cli-data.module';
import { MigrationRunner } from './migrate/migration-runner';

/**
 * Gives commands the services of CliDataModule, booting it on first use. DatabaseModule connects
 * while the module initialises, so booting it with the CLI would make `migrate` (which must run
 * before the database exists) and `--help` depend on a working, migrated database.
 */
@Injectable()
export class DataContext implements OnModuleDestroy {
  private app?: Promise<INestApplicationContext>;

  constructor(private readonly migrations: MigrationRunner) {}

  async get<T>(type: Type<T>): Promise<T> {
    // A failed boot is not cached: the next call tries again.
    this.app ??= this.boot().catch((e: unknown) => {
      this.app = undefined;
      throw e;
    });
    return (await this.app).get(type);
  }

  async onModuleDestroy(): Promise<void> {
    const app = await this.app?.catch(() => undefined);
    await app?.close();
  }

  private async boot(): Promise<INestApplicationContext> {
    // Fail in a second with "run migrate first" rather than after TypeORM's connection retries.
    await this.migrations.assertCurrent();
    return NestFactory.createApplicationContext(CliDataModule, { logger: ['warn', 'error'], abortOnError: false });
  }
}
