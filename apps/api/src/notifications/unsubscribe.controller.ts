import { Controller, Get, Header, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IsString, Matches } from 'class-validator';
import type { RequestContext } from '@app/common';
import { AppConfig } from '@app/config';
import {
  UnsubscribeService,
  unsubscribeConfirmPage,
  unsubscribeDonePage,
  type UnsubscribeScope,
} from '@app/notifications';
import { Public } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';

export class UnsubscribeQuery {
  @ApiProperty({ description: 'The signed token from the email’s unsubscribe link' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}\.[A-Za-z0-9_-]{43}$/, { message: 'rule:matches' })
  token: string;
}

export class UnsubscribedView {
  @ApiProperty() unsubscribed: true;
  @ApiProperty({ description: 'The notification type whose emails are now off, or `all`' }) type: UnsubscribeScope;
}

/**
 * One-click unsubscribe from notification emails (RFC 8058), no login: the signed link in every
 * email's footer and `List-Unsubscribe` header. GET shows a confirmation page and changes nothing
 * (link scanners open links); POST — the page's button, or a mail client's one-click — turns that
 * type's emails off. A malformed or forged token is a 400.
 */
@ApiTags('notifications')
@Controller('notifications/unsubscribe')
export class UnsubscribeController {
  constructor(
    private readonly unsubscribe: UnsubscribeService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'A confirmation page with a button that POSTs the same URL' })
  page(@Ctx() ctx: RequestContext, @Query() query: UnsubscribeQuery): string {
    const target = this.unsubscribe.target(query.token);
    return unsubscribeConfirmPage(ctx.locale, target.label);
  }

  @Post()
  @Public()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({
    type: UnsubscribedView,
    description:
      'Done (idempotent). A form post (application/x-www-form-urlencoded, as mail clients and the page send) gets a small HTML page',
  })
  async confirm(
    @Ctx() ctx: RequestContext,
    @Query() query: UnsubscribeQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UnsubscribedView | string> {
    const target = await this.unsubscribe.unsubscribe(query.token);
    if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
      return { unsubscribed: true, type: target.type };
    void reply.type('text/html; charset=utf-8');
    return unsubscribeDonePage(ctx.locale, target.label, `${this.config.PUBLIC_BASE_URL}/settings/notifications`);
  }
}
