import { Module } from '@nestjs/common';
import { AppConfigModule } from '@app/config';
import { CliOutput } from './cli-output';
import { DataContext } from './data-context';
import { MigrationRunner } from './migrate/migration-runner';
import { AuditVerifyCommand } from './commands/audit-verify.command';
import { CreateAdminCommand } from './commands/create-admin.command';
import { MigrateCommand } from './commands/migrate.command';
import { SeedCommand } from './commands/seed.command';
import { SearchReindexCommand } from './commands/search-reindex.command';

/**
 * The CLI's root: configuration and the commands only. The database modules (CliDataModule) are
 * booted by DataContext when a command needs them, never for `migrate` or `--help`.
 */
@Module({
  imports: [AppConfigModule],
  providers: [
    CliOutput,
    MigrationRunner,
    DataContext,
    MigrateCommand,
    SeedCommand,
    CreateAdminCommand,
    AuditVerifyCommand,
    SearchReindexCommand,
  ],
})
export class CliModule {}
