import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { DomainEventJobData, DomainEventType } from '@app/queue';
import { type DomainEventHandler, HandlesDomainEvent } from './domain-event-handler';

interface RegisteredHandler {
  name: string;
  handler: DomainEventHandler;
}

export interface DispatchOptions {
  /** Handlers that already ran for this event (an earlier attempt of the same job): skipped. */
  alreadyHandled?: readonly string[];
  /** Called after each handler succeeds, with every handler done so far; persists progress. */
  onHandled?: (handledBy: string[]) => Promise<unknown>;
  signal?: AbortSignal;
}

/** The handler registry: every provider marked @HandlesDomainEvent, found at start-up, by event type. */
@Injectable()
export class DomainEventDispatcher implements OnModuleInit {
  private readonly handlers = new Map<DomainEventType, RegisteredHandler[]>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders({ metadataKey: HandlesDomainEvent.KEY })) {
      const type = this.discovery.getMetadataByDecorator(HandlesDomainEvent, wrapper);
      const instance: unknown = wrapper.instance;
      const name = wrapper.metatype?.name ?? String(wrapper.token);
      // Jobs run outside any request, and one instance must serve them all.
      if (
        !type ||
        !wrapper.isDependencyTreeStatic() ||
        typeof (instance as DomainEventHandler)?.handle !== 'function'
      ) {
        throw new Error(`${name} must name an event type and be a singleton with a handle() method`);
      }
      const forType = this.handlers.get(type) ?? [];
      if (forType.some((h) => h.name === name)) throw new Error(`Two handlers named ${name} for ${type}`);
      forType.push({ name, handler: instance as DomainEventHandler });
      this.handlers.set(type, forType);
    }
  }

  /** Names of the handlers registered for a type, in the order they run. */
  handlerNames(type: DomainEventType): string[] {
    return (this.handlers.get(type) ?? []).map((h) => h.name);
  }

  /**
   * Runs the event's handlers one after another, skipping those already done; the first failure
   * stops the run (the job is retried and resumes at that handler). Returns every handler done.
   */
  async dispatch(event: DomainEventJobData, options: DispatchOptions = {}): Promise<string[]> {
    const done = new Set(options.alreadyHandled ?? []);
    for (const { name, handler } of this.handlers.get(event.type) ?? []) {
      if (done.has(name)) continue;
      // Not throwIfAborted(): it throws the bare reason, and BullMQ records failures from Errors.
      if (options.signal?.aborted) throw new Error(`Aborted before ${name}: ${String(options.signal.reason)}`);
      await handler.handle(event, { signal: options.signal });
      done.add(name);
      await options.onHandled?.([...done]);
    }
    return [...done];
  }
}
