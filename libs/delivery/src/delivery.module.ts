import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { EvaluationModule } from '@app/evaluation';
import { OutboxModule } from '@app/outbox';
import { ProposalsModule } from '@app/proposals';
import { ScenariosModule } from '@app/scenarios';
import { StorageModule } from '@app/storage';
import { DELIVERY_ENTITIES } from './delivery.entity';
import { DeliveryService } from './delivery.service';
import { MilestoneService } from './milestone.service';
import { ProgressReportService } from './progress-report.service';
import { AcceptanceService } from './acceptance.service';

/** The context's services: all of them are offered to the apps. */
const SERVICES = [DeliveryService, MilestoneService, ProgressReportService, AcceptanceService];

@Module({
  imports: [
    TypeOrmModule.forFeature(DELIVERY_ENTITIES),
    AuditModule,
    OutboxModule,
    StorageModule,
    ScenariosModule,
    ProposalsModule,
    EvaluationModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class DeliveryModule {}
