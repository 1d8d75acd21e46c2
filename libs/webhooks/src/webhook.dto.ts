import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  ValidateIf,
} from 'class-validator';
import { MaxChars, NOTIFICATION_TYPES, PageQuery, trimString } from '@app/common';
import { WEBHOOK_DELIVERY_LIST_STATUSES, type WebhookDeliveryStatus } from './webhook-status';

const present = (_: object, v: unknown) => v !== undefined;

export const WEBHOOK_URL_MAX = 2000;
export const WEBHOOK_EVENT_TYPES_MAX = 50;

export class CreateWebhookEndpointDto {
  @ApiProperty({ example: 'https://hooks.example.cn/scenario-exchange', maxLength: WEBHOOK_URL_MAX })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(WEBHOOK_URL_MAX)
  url: string;

  @ApiPropertyOptional({
    example: ['scenario.matched'],
    description: 'Notification types (the catalogue of @app/notifications); empty or absent = all',
  })
  @ValidateIf(present)
  @IsArray()
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES_MAX)
  @IsString({ each: true })
  @IsIn(NOTIFICATION_TYPES, { each: true })
  eventTypes?: string[];

  @ApiPropertyOptional({ default: true })
  @ValidateIf(present)
  @IsBoolean()
  active?: boolean;
}

/** Only the fields that change. */
export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional({ maxLength: WEBHOOK_URL_MAX })
  @ValidateIf(present)
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(WEBHOOK_URL_MAX)
  url?: string;

  @ApiPropertyOptional({ example: [], description: 'Notification types; empty = all' })
  @ValidateIf(present)
  @IsArray()
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES_MAX)
  @IsString({ each: true })
  @IsIn(NOTIFICATION_TYPES, { each: true })
  eventTypes?: string[];

  @ApiPropertyOptional()
  @ValidateIf(present)
  @IsBoolean()
  active?: boolean;
}

export class WebhookDeliveryQuery extends PageQuery {
  @ApiPropertyOptional({ enum: WEBHOOK_DELIVERY_LIST_STATUSES })
  @IsOptional()
  @IsIn(WEBHOOK_DELIVERY_LIST_STATUSES)
  status?: WebhookDeliveryStatus;

  @ApiPropertyOptional({ description: 'Only this endpoint' })
  @IsOptional()
  @IsUUID()
  endpointId?: string;
}

export class AdminWebhookDeliveryQuery extends WebhookDeliveryQuery {
  @ApiPropertyOptional({ description: 'Only this organisation' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}
