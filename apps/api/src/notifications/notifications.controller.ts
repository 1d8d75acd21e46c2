import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessError, type Actor, type Page, type RequestContext } from '@app/common';
import {
  type InboxNotificationView,
  InboxQuery,
  InboxService,
  NotificationStreamHub,
  NotificationStreamQuery,
} from '@app/notifications';
import { Authenticated, Public } from '../access/access.decorators';
import type { AuthenticatedRequest } from '../access/access.guard';
import { Ctx } from '../http/request-context.decorator';
import { UuidParamPipe } from '../http/uuid-param.pipe';

type ActorContext = RequestContext & { actor: Actor };

/** Comment line sent when nothing happened for this long, so proxies keep the stream open. */
const HEARTBEAT_MS = 25_000;

/** The caller's in-app inbox and its live stream (server-sent events). */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly inbox: InboxService,
    private readonly hub: NotificationStreamHub,
  ) {}

  /** Newest first, keyset pages (`cursor` from the previous page); `unread=true` for unread only. */
  @Get()
  @Authenticated()
  list(@Ctx() ctx: ActorContext, @Query() query: InboxQuery): Promise<Page<InboxNotificationView>> {
    return this.inbox.list(ctx.actor, query);
  }

  @Get('unread-count')
  @Authenticated()
  @ApiOkResponse({ schema: { properties: { unreadCount: { type: 'integer' } } } })
  async unreadCount(@Ctx() ctx: ActorContext): Promise<{ unreadCount: number }> {
    return { unreadCount: await this.inbox.unreadCount(ctx.actor.userId) };
  }

  /** Marks one of the caller's notifications read (idempotent); someone else's is 404. */
  @Post(':id/read')
  @HttpCode(200)
  @Authenticated()
  markRead(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<{ unreadCount: number }> {
    return this.inbox.markRead(ctx.actor, id);
  }

  @Post('read-all')
  @HttpCode(200)
  @Authenticated()
  markAllRead(@Ctx() ctx: ActorContext): Promise<{ marked: number; unreadCount: number }> {
    return this.inbox.markAllRead(ctx.actor);
  }

  /** A single-use ticket for the live stream, valid 60 s (for EventSource, which cannot send headers). */
  @Post('stream-ticket')
  @Authenticated()
  @ApiCreatedResponse({ schema: { properties: { ticket: { type: 'string' }, expiresInSeconds: { type: 'integer' } } } })
  streamTicket(@Ctx() ctx: ActorContext): Promise<{ ticket: string; expiresInSeconds: number }> {
    return this.hub.issueTicket(ctx.actor.userId);
  }

  /**
   * Server-sent events: `unread` ({unreadCount}) on connect, then `notification`
   * ({unreadCount, notification}) for every new in-app notification of the caller. Authenticated by
   * the usual bearer header or, since EventSource cannot set headers, `?ticket=` from
   * POST /notifications/stream-ticket (single use, 60 s; never an access token in a URL, where access
   * logs and proxies would keep it). The stream does not outlive the process; clients reconnect
   * (EventSource does, with a new ticket) and get the count again.
   */
  @Get('stream')
  @Public()
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'ticket', required: false, description: 'Single-use stream ticket' })
  async stream(
    @Req() req: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Query() query: NotificationStreamQuery,
  ): Promise<void> {
    const userId = req.actor?.userId ?? (query.ticket ? await this.hub.redeemTicket(query.ticket) : null);
    // A stream lives long: the user must still exist and be active (a token alone outlives a disabled account).
    if (!userId || !(await this.inbox.isActiveUser(userId))) throw new AccessError('ACCESS_UNAUTHENTICATED');
    const unreadCount = await this.inbox.unreadCount(userId);

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    let open = true;
    const send = (event: string, data: unknown, id?: string) => {
      if (open) res.write(`event: ${event}\n${id ? `id: ${id}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
    };
    res.write('retry: 5000\n\n');
    send('unread', { unreadCount });

    const heartbeat = setInterval(() => open && res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const stop = await this.hub.listen(userId, {
      message: (m) => {
        void this.inbox.unreadCount(userId).then(
          (count) => send('notification', { unreadCount: count, notification: m.notification }, m.notification.id),
          () => send('notification', { unreadCount: null, notification: m.notification }, m.notification.id),
        );
      },
      close: () => res.end(),
    });
    const cleanUp = () => {
      open = false;
      clearInterval(heartbeat);
      stop();
    };
    req.raw.on('close', cleanUp);
    res.on('close', cleanUp);
  }
}
