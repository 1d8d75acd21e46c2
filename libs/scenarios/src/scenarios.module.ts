import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { OutboxModule } from '@app/outbox';
import { ScenarioEntity, ScenarioReviewEntity } from './scenario.entity';
import { ScenarioService } from './scenario.service';
import { VettingService } from './vetting.service';

@Module({
  imports: [TypeOrmModule.forFeature([ScenarioEntity, ScenarioReviewEntity]), AuditModule, OutboxModule],
  providers: [ScenarioService, VettingService],
  exports: [ScenarioService, VettingService],
})
export class ScenariosModule {}
