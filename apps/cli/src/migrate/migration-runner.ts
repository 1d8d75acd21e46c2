import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import {
  dataSourceOptions,
  ensureDatabase,
  MIGRATIONS,
  pendingMigrations,
  revertLastMigration,
  runMigrations,
} from '@app/database';
import { CliError } from '../cli-errors';

export interface MigrationStatus {
  database: string;
  exists: boolean;
  pending: string[];
}

/** SQLSTATE invalid_catalog_name: the database named in the URL does not exist. */
const DATABASE_MISSING = '3D000';

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

function errorCode(e: unknown): string | undefined {
  return (e as { code?: string })?.code;
}

/**
 * Schema migrations on DATABASE_URL, through libs/database's functions. Works without the Nest
 * DataSource on purpose: the database, or its schema, may not exist yet.
 */
@Injectable()
export class MigrationRunner {
  constructor(private readonly config: AppConfig) {}

  private get url(): string {
    return this.config.DATABASE_URL;
  }

  /** Creates the database if it is missing, then applies every pending migration, oldest first. */
  async apply(): Promise<{ databaseCreated: boolean; applied: string[] }> {
    const databaseCreated = await this.reaching(() => ensureDatabase(this.url));
    const applied = await runMigrations(this.url);
    return { databaseCreated, applied };
  }

  /** Undoes the last applied migration; returns its name, or null when none was applied. */
  async revert(): Promise<string | null> {
    const before = await this.status();
    if (!before.exists) throw new CliError('CLI_DATABASE_MISSING', { database: before.database });
    await revertLastMigration(this.url);
    const after = await this.status();
    return after.pending.find((name) => !before.pending.includes(name)) ?? null;
  }

  /** Which migrations the code has that the database has not applied (all of them if it does not exist). */
  async status(): Promise<MigrationStatus> {
    const database = databaseName(this.url);
    // Quiet: pendingMigrations probes schema_migration, which fails (expectedly) on an empty database.
    const ds = new DataSource({ ...dataSourceOptions(this.url, 1), logging: false });
    try {
      await ds.initialize();
    } catch (e) {
      if (errorCode(e) === DATABASE_MISSING) {
        return { database, exists: false, pending: MIGRATIONS.map((M) => new M().name ?? M.name) };
      }
      throw new CliError('CLI_DATABASE_UNREACHABLE', { database, reason: (e as Error).message });
    }
    try {
      return { database, exists: true, pending: await pendingMigrations(ds) };
    } finally {
      await ds.destroy();
    }
  }

  /** Commands that use the schema call this first, so a missing database fails fast and says what to do. */
  async assertCurrent(): Promise<void> {
    const { database, exists, pending } = await this.status();
    if (!exists) throw new CliError('CLI_DATABASE_MISSING', { database });
    if (pending.length)
      throw new CliError('CLI_MIGRATIONS_PENDING', { count: pending.length, names: pending.join(', ') });
  }

  private async reaching<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw new CliError('CLI_DATABASE_UNREACHABLE', {
        database: databaseName(this.url),
        reason: (e as Error).message,
      });
    }
  }
}
