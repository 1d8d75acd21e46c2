import { Module } from '@nestjs/common';
import { NotificationChannelsModule } from '@app/notifications';
import { NotificationPreferencesController } from './preferences.controller';
import { SavedSearchesController } from './saved-searches.controller';
import { UnsubscribeController } from './unsubscribe.controller';

/**
 * Notification settings over HTTP (notify-prefs): preferences, saved searches and one-click
 * unsubscribe. RFC 8058 one-click posts are `application/x-www-form-urlencoded`, which the Fastify
 * adapter already parses (Nest registers the form parser with the JSON one).
 */
@Module({
  imports: [NotificationChannelsModule],
  controllers: [NotificationPreferencesController, SavedSearchesController, UnsubscribeController],
})
export class NotificationSettingsModule {}
