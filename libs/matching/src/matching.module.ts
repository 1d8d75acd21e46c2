import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { OutboxModule } from '@app/outbox';
import { ScenarioEntity } from '@app/scenarios';
import { MATCHING_ENTITIES } from './matching.entity';
import { MatchingJobs } from './matching-jobs.service';
import { MatchingRunner } from './matching-runner.service';
import { MatchingService } from './matching.service';
import { ScoringPool } from './scoring/scoring-pool';

/** The context's services: all of them are offered to the apps. */
const SERVICES = [MatchingService, MatchingRunner, MatchingJobs, ScoringPool];

@Module({
  imports: [TypeOrmModule.forFeature([...MATCHING_ENTITIES, ScenarioEntity]), AuditModule, OutboxModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class MatchingModule {}
