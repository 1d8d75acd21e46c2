import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor, RequestContext } from '@app/common';
import {
  NotificationPreferenceService,
  NotificationPreferencesView,
  UpdateNotificationPreferencesDto,
} from '@app/notifications';
import { Authenticated } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';

type ActorContext = RequestContext & { actor: Actor };

/** Each user's notification preferences: per type and channel, instant, daily digest (email) or off. */
@ApiTags('notifications')
@Controller('notifications/preferences')
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferenceService) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ type: NotificationPreferencesView, description: 'Every type with its current modes and labels' })
  list(@Ctx() ctx: ActorContext): Promise<NotificationPreferencesView> {
    return this.preferences.list(ctx.actor.userId);
  }

  @Put()
  @Authenticated()
  @ApiOkResponse({ type: NotificationPreferencesView, description: 'The given (type, channel) modes set; others kept' })
  update(
    @Ctx() ctx: ActorContext,
    @Body() dto: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferencesView> {
    return this.preferences.update(ctx.actor.userId, dto);
  }
}
