import { Inject, Injectable, type Type } from '@nestjs/common';
import { NOTIFYING_EVENTS, NotificationRouter, type NotifyingEvent } from '@app/notifications';
import type { DomainEventJobData } from '@app/queue';
import { type DomainEventHandler, HandlesDomainEvent } from '../domain-events/domain-event-handler';

/** `scenario.question_answered` → `NotifyScenarioQuestionAnswered` (the dispatcher identifies handlers by class name). */
function handlerName(type: NotifyingEvent): string {
  const words = type.split(/[._]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  return `Notify${words.join('')}`;
}

/** A thin handler: routes the event to notifications (idempotent: event keys come from the event id). */
function notifyOn(type: NotifyingEvent): Type<DomainEventHandler> {
  @HandlesDomainEvent(type)
  @Injectable()
  class NotifyHandler implements DomainEventHandler {
    constructor(@Inject(NotificationRouter) private readonly router: NotificationRouter) {}

    async handle(event: DomainEventJobData): Promise<void> {
      await this.router.route(event);
    }
  }
  Object.defineProperty(NotifyHandler, 'name', { value: handlerName(type) });
  return NotifyHandler;
}

/** One handler per domain event that raises notifications. */
export const NOTIFICATION_HANDLERS: Type<DomainEventHandler>[] = NOTIFYING_EVENTS.map(notifyOn);
