import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { OutboxModule } from '@app/outbox';
import { StorageModule } from '@app/storage';
import { ScenarioEntity, ScenarioReviewEntity } from './scenario.entity';
import { ScenarioService } from './scenario.service';
import { VettingService } from './vetting.service';
import { PublicScenarioService } from './public-scenarios.service';
import { PublicScenarioExportService } from './public-scenario-export.service';
import { ScenarioSearchIndexer } from './scenario-search';
import { ScenarioBatchEntity } from './batch.entity';
import { BatchService } from './batch.service';
import { ScenarioDeadlineService } from './scenario-deadline.service';
import { ScenarioQuestionEntity } from './scenario-question.entity';
import { ScenarioFollowEntity } from './scenario-follow.entity';
import { ClarificationService } from './clarification.service';
import { FollowService } from './follow.service';
import { ScenarioAmendmentEntity, ScenarioVersionEntity } from './amendment.entity';
import { AmendmentService } from './amendment.service';
import { ScenarioAttachmentEntity } from './attachment.entity';
import { AttachmentService } from './attachment.service';

/** The context's services: all of them are offered to the apps. */
const SERVICES = [
  ScenarioService,
  VettingService,
  BatchService,
  ScenarioDeadlineService,
  PublicScenarioService,
  PublicScenarioExportService,
  ScenarioSearchIndexer,
  ClarificationService,
  FollowService,
  AmendmentService,
  AttachmentService,
];

@Module({
  imports: [
    TypeOrmModule.forFeature([
      ScenarioEntity,
      ScenarioReviewEntity,
      ScenarioBatchEntity,
      ScenarioQuestionEntity,
      ScenarioFollowEntity,
      ScenarioVersionEntity,
      ScenarioAmendmentEntity,
      ScenarioAttachmentEntity,
    ]),
    AuditModule,
    OutboxModule,
    StorageModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class ScenariosModule {}
