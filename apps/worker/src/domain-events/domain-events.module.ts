import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DomainEventDispatcher } from './domain-event-dispatcher';
import { DomainEventsProcessor } from './domain-events.processor';

/** The domain-events queue's consumer. Handlers live with their features and register themselves. */
@Module({
  imports: [DiscoveryModule],
  providers: [DomainEventDispatcher, DomainEventsProcessor],
})
export class DomainEventsModule {}
