import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { OutboxModule } from '@app/outbox';
import { ScenarioEntity, ScenarioReviewEntity } from './scenario.entity';
import { ScenarioService } from './scenario.service';
import { VettingService } from './vetting.service';
import { PublicScenarioService } from './public-scenarios.service';
import { ScenarioBatchEntity } from './batch.entity';
import { BatchService } from './batch.service';
import { ScenarioDeadlineService } from './scenario-deadline.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([ScenarioEntity, ScenarioReviewEntity, ScenarioBatchEntity]),
    AuditModule,
    OutboxModule,
  ],
  providers: [ScenarioService, VettingService, BatchService, ScenarioDeadlineService, PublicScenarioService],
  exports: [ScenarioService, VettingService, BatchService, ScenarioDeadlineService, PublicScenarioService],
})
export class ScenariosModule {}
