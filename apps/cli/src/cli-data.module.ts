import { Module } from '@nestjs/common';
import { ClockModule } from '@app/common';
import { AppConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { IdentityModule } from '@app/identity';
import { AuditModule } from '@app/audit';
import { ScenariosModule } from '@app/scenarios';
import { VendorsModule } from '@app/vendors';
import { ProposalsModule } from '@app/proposals';
import { EvaluationModule } from '@app/evaluation';
import { DeliveryModule } from '@app/delivery';
import { CliQueuesModule } from './cli-queues.module';
import { DemoSeeder } from './seed/demo-seeder';
import { DemoHistorySeeder } from './seed/demo-history-seeder';

/**
 * The database-backed half of the CLI: the same modules the API uses (no HTTP, no queues: see
 * CliQueuesModule), booted by DataContext only for commands that need them.
 */
@Module({
  imports: [
    AppConfigModule,
    ClockModule,
    DatabaseModule,
    IdentityModule,
    AuditModule,
    CliQueuesModule,
    ScenariosModule,
    VendorsModule,
    ProposalsModule,
    EvaluationModule,
    DeliveryModule,
  ],
  providers: [DemoSeeder, DemoHistorySeeder],
})
export class CliDataModule {}
