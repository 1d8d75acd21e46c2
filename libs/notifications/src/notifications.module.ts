import { Module } from '@nestjs/common';
import { WebhooksModule } from '@app/webhooks';
import { NotificationChannelsModule } from './channels.module';
import { EmailDeliveryService } from './delivery/email-delivery.service';
import { EmailRateLimiter } from './delivery/email-rate-limiter';
import { FanoutService } from './fanout/fanout.service';
import { InboxService } from './inbox/inbox.service';
import { NotificationStreamHub } from './inbox/notification-stream';
import { NotificationRouter } from './routing/notification-router.service';

const PROVIDERS = [
  NotificationStreamHub,
  EmailRateLimiter,
  EmailDeliveryService,
  FanoutService,
  NotificationRouter,
  InboxService,
];

/**
 * The notification pipeline (routing, fan-out, email delivery, inbox, live stream). Imports the
 * channels module (preferences, templates, transport, saved searches) and the webhook channel; relies
 * on the root's config, database, queue and clock modules. Nobody imports this module's lib.
 */
@Module({
  imports: [NotificationChannelsModule, WebhooksModule],
  providers: PROVIDERS,
  exports: [...PROVIDERS, NotificationChannelsModule],
})
export class NotificationsModule {}
