import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, ValidateNested } from 'class-validator';
import { NOTIFICATION_TYPES, type NotificationType } from '../notification-types';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_MODES,
  type NotificationChannel,
  type NotificationMode,
} from './notification-modes';

/** One choice: for this type, on this channel, this mode. */
export class NotificationPreferenceItemDto {
  @ApiProperty({ enum: NOTIFICATION_TYPES, example: 'saved_search.matched' })
  @IsIn(NOTIFICATION_TYPES)
  type: NotificationType;

  @ApiProperty({ enum: NOTIFICATION_CHANNELS, example: 'email' })
  @IsIn(NOTIFICATION_CHANNELS)
  channel: NotificationChannel;

  @ApiProperty({
    enum: NOTIFICATION_MODES,
    example: 'digest',
    description: '`digest` (the daily email) is for the email channel only',
  })
  @IsIn(NOTIFICATION_MODES)
  mode: NotificationMode;
}

/** Changes to some preferences; the others stay as they are. */
export class UpdateNotificationPreferencesDto {
  @ApiProperty({ type: [NotificationPreferenceItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(NOTIFICATION_TYPES.length * NOTIFICATION_CHANNELS.length)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => NotificationPreferenceItemDto)
  items: NotificationPreferenceItemDto[];
}
