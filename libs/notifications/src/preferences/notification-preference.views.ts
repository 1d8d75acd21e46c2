import { ApiProperty } from '@nestjs/swagger';
import { NOTIFICATION_TYPES, type NotificationType } from '../notification-types';
import type { EmailMode, InAppMode } from './notification-modes';

class LocalisedLabel {
  @ApiProperty({ example: '订阅的搜索条件有新场景' }) 'zh-CN': string;
  @ApiProperty({ example: 'New scenarios for your saved searches' }) en: string;
}

class ChannelModesView {
  @ApiProperty({ enum: ['instant', 'off'] }) inApp: InAppMode;
  @ApiProperty({ enum: ['instant', 'digest', 'off'] }) email: EmailMode;
}

export class NotificationPreferenceView {
  @ApiProperty({ enum: NOTIFICATION_TYPES }) type: NotificationType;
  @ApiProperty({ type: LocalisedLabel }) label: LocalisedLabel;
  @ApiProperty({ enum: ['instant', 'off'], description: 'In-app inbox' }) inApp: InAppMode;
  @ApiProperty({ enum: ['instant', 'digest', 'off'], description: 'Email: at once, in the daily digest, or none' })
  email: EmailMode;
  @ApiProperty({ type: ChannelModesView, description: 'What applies when the user has chosen nothing' })
  defaults: ChannelModesView;
}

export class NotificationPreferencesView {
  @ApiProperty({ type: [NotificationPreferenceView], description: 'Every notification type, in catalogue order' })
  items: NotificationPreferenceView[];
}
