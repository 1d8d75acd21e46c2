import { Injectable } from '@nestjs/common';
import { systemContext } from '@app/common';
import { ProposalOpeningService } from '@app/proposals';
import type { DomainEventJobData } from '@app/queue';
import { type DomainEventHandler, HandlesDomainEvent } from '../domain-events/domain-event-handler';

const contextOf = (event: DomainEventJobData) => systemContext(event.requestId ?? `domain-event:${event.eventId}`);

/**
 * A material amendment: proposals submitted before it (by amendment number, not by clocks) must be
 * re-confirmed before the deadline. Idempotent: flagged proposals are no longer `submitted`.
 */
@HandlesDomainEvent('scenario.reconfirmation_required')
@Injectable()
export class FlagProposalsForReconfirmation implements DomainEventHandler<'scenario.reconfirmation_required'> {
  constructor(private readonly opening: ProposalOpeningService) {}

  async handle(event: DomainEventJobData<'scenario.reconfirmation_required'>): Promise<void> {
    await this.opening.flagForReconfirmation(contextOf(event), event.payload.scenarioId, event.payload.amendmentNo);
  }
}

/**
 * The scenario closed (揭榜截止): its proposals are opened (submitted → opened; flagged → not_opened;
 * drafts stay). Idempotent, and reads open them too if this has not run yet. If this process's clock
 * is still short of the deadline (clock skew), the job fails and is retried.
 */
@HandlesDomainEvent('scenario.transitioned')
@Injectable()
export class OpenProposalsAtClosing implements DomainEventHandler<'scenario.transitioned'> {
  constructor(private readonly opening: ProposalOpeningService) {}

  async handle(event: DomainEventJobData<'scenario.transitioned'>): Promise<void> {
    if (event.payload.to !== 'closed') return;
    const { scenarioId } = event.payload;
    const state = await this.opening.openingState(scenarioId);
    if (state.closed && !state.openable) {
      throw new Error(`Scenario ${scenarioId} closed before its deadline by this clock: opening retried later`);
    }
    await this.opening.openScenario(contextOf(event), scenarioId);
  }
}
