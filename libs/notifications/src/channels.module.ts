import { Module } from '@nestjs/common';
import { OutboxModule } from '@app/outbox';
import { EmailTransport } from './email';
import { NotificationPreferenceService, UnsubscribeLinks, UnsubscribeService } from './preferences';
import { SavedSearchService } from './saved-searches';
import { DeadlineReminderService } from './reminders';

/**
 * Notification channels and settings (notify-prefs): preferences per user, type and channel, signed
 * one-click unsubscribe links, the SMTP email transport, saved searches and the deadline-reminder
 * sweep; templates (`renderNotificationEmail`, `renderDigestEmail`) are plain functions. It needs
 * only the global config, database and clock, and the outbox (reminders): the pipeline imports this
 * module, never the reverse. The lib index needs only `export * from './channels.module'`: this file
 * re-exports the folders.
 */
const PROVIDERS = [
  NotificationPreferenceService,
  UnsubscribeLinks,
  UnsubscribeService,
  EmailTransport,
  SavedSearchService,
  DeadlineReminderService,
];

@Module({ imports: [OutboxModule], providers: PROVIDERS, exports: PROVIDERS })
export class NotificationChannelsModule {}

export * from './preferences';
export * from './templates';
export * from './digest';
export * from './email';
export * from './saved-searches';
export * from './reminders';
