import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import { NOTIFICATION_HANDLERS } from './notification.handlers';
import { NotificationsProcessor } from './notifications.processor';

/** Notification routing (domain-event handlers) and the notifications queue's consumer. */
@Module({
  imports: [NotificationsModule],
  providers: [NotificationsProcessor, ...NOTIFICATION_HANDLERS],
})
export class NotificationsWorkerModule {}
