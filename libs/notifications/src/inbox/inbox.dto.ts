import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString } from 'class-validator';
import { MaxChars, PageQuery } from '@app/common';

const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;

/** The inbox: newest first, keyset pages; `unread=true` for unread only. */
export class InboxQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only unread notifications' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  unread?: boolean;
}

/** The live stream's query: a single-use ticket (POST /notifications/stream-ticket), for EventSource clients. */
export class NotificationStreamQuery {
  @ApiPropertyOptional({ description: 'Single-use stream ticket (EventSource cannot send an Authorization header)' })
  @IsOptional()
  @IsString()
  @MaxChars(100)
  ticket?: string;
}
