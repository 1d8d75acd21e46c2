import { Module } from '@nestjs/common';
import { NotificationChannelsModule } from '@app/notifications';
import { NotificationRemindersProcessor } from './notification-reminders.processor';

/** The notification-reminders queue's consumer (the deadline-reminder sweep). */
@Module({
  imports: [NotificationChannelsModule],
  providers: [NotificationRemindersProcessor],
})
export class NotificationRemindersModule {}
