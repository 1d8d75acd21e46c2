import { DiscoveryService } from '@nestjs/core';
import type { DomainEventJobData, DomainEventType } from '@app/queue';

export interface DomainEventHandlerContext {
  /** Aborted when the worker is shutting down and the grace period is over: stop, the job is retried. */
  signal?: AbortSignal;
}

/**
 * Reacts to one event type. Handlers must be idempotent (keyed by `event.eventId`): a handler that
 * succeeded is not run again when a retry re-runs its job, but a crash right after it succeeded is.
 */
export interface DomainEventHandler<T extends DomainEventType = DomainEventType> {
  handle(event: DomainEventJobData<T>, context: DomainEventHandlerContext): Promise<void>;
}

/**
 * Marks a provider as the handler of one event type; registering the provider in any module is all
 * it takes, e.g.
 *
 *   @HandlesDomainEvent('organisation.verified')
 *   @Injectable()
 *   export class NotifyOrganisationVerified implements DomainEventHandler<'organisation.verified'> { ... }
 *
 * Its class name identifies it in job progress, so keep it stable.
 */
export const HandlesDomainEvent = DiscoveryService.createDecorator<DomainEventType>();
