import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DomainEventsModule } from './domain-events/domain-events.module';
import { ScenarioScheduleModule } from './scenario-schedule/scenario-schedule.module';
import { ProposalOpeningModule } from './proposal-opening/proposal-opening.module';
import { DeliveryScheduleModule } from './delivery-schedule/delivery-schedule.module';
import { MatchingWorkerModule } from './matching/matching.module';
import { WebhooksWorkerModule } from './webhooks/webhooks.module';
import { NotificationsWorkerModule } from './notifications/notifications-worker.module';
import { NotificationRemindersModule } from './notification-reminders/notification-reminders.module';
import { OutboxRelayRunner } from './outbox-relay/outbox-relay.runner';
import { WorkerLifecycle } from './worker-lifecycle';

/**
 * BullMQ processors and the outbox relay. Imported by the worker process (WorkerRootModule) and by
 * the API in all-in-one mode, so it relies on the root's config, database, queue and logger modules
 * and must not import them itself.
 */
@Module({
  imports: [
    DiscoveryModule,
    DomainEventsModule,
    ScenarioScheduleModule,
    ProposalOpeningModule,
    DeliveryScheduleModule,
    WebhooksWorkerModule,
    NotificationsWorkerModule,
    NotificationRemindersModule,
    MatchingWorkerModule,
  ],
  providers: [OutboxRelayRunner, WorkerLifecycle],
})
export class WorkerModule {}
