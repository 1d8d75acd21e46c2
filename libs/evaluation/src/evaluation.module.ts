import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { OutboxModule } from '@app/outbox';
import { ProposalsModule } from '@app/proposals';
import { ScenariosModule } from '@app/scenarios';
import {
  AwardDecisionEntity,
  CoiDeclarationEntity,
  EvaluationEntity,
  ObjectionEntity,
  PanelMemberEntity,
  ScoreEntity,
} from './evaluation.entity';
import { EvaluationService } from './evaluation.service';
import { ScoringService } from './scoring.service';
import { AwardService } from './award.service';

/** The context's services: all of them are offered to the apps and to delivery. */
const SERVICES = [EvaluationService, ScoringService, AwardService];

@Module({
  imports: [
    TypeOrmModule.forFeature([
      EvaluationEntity,
      PanelMemberEntity,
      CoiDeclarationEntity,
      ScoreEntity,
      AwardDecisionEntity,
      ObjectionEntity,
    ]),
    AuditModule,
    OutboxModule,
    ScenariosModule,
    ProposalsModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class EvaluationModule {}
