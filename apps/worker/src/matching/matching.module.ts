import { Module } from '@nestjs/common';
import { MatchingModule } from '@app/matching';
import {
  MatchAmendedScenario,
  MatchPublishedScenario,
  MatchUpdatedVendor,
  MatchVerifiedVendor,
} from './matching.handlers';
import { MatchingProcessor } from './matching.processor';

/** The matching queue's consumer and the domain-event handlers that enqueue its jobs. */
@Module({
  imports: [MatchingModule],
  providers: [MatchingProcessor, MatchPublishedScenario, MatchAmendedScenario, MatchUpdatedVendor, MatchVerifiedVendor],
})
export class MatchingWorkerModule {}
