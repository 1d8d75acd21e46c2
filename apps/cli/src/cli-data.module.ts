import { Module } from '@nestjs/common';
import { AppConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { IdentityModule } from '@app/identity';
import { AuditModule } from '@app/audit';
import { DemoSeeder } from './seed/demo-seeder';

/**
 * The database-backed half of the CLI: the same modules the API uses (no HTTP, no queues), booted
 * by DataContext only for commands that need them.
 */
@Module({
  imports: [AppConfigModule, DatabaseModule, IdentityModule, AuditModule],
  providers: [DemoSeeder],
})
export class CliDataModule {}
