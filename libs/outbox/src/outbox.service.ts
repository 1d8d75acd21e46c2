import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '@app/common';
import type { DomainEvent, DomainEventType } from '@app/queue';

/**
 * Writes domain events to the outbox inside the caller's transaction, so an event exists exactly
 * when the change that raised it was committed. The worker's relay moves them to BullMQ.
 */
@Injectable()
export class OutboxService {
  async publish<T extends DomainEventType>(
    em: EntityManager,
    ctx: Pick<RequestContext, 'requestId'>,
    event: DomainEvent<T>,
  ): Promise<string> {
    const id = randomUUID();
    await em.query(
      `INSERT INTO outbox_event (id, type, aggregate_type, aggregate_id, payload, request_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, event.type, event.aggregateType, event.aggregateId, JSON.stringify(event.payload), ctx.requestId],
    );
    return id;
  }
}
