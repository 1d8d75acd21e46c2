import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor, Page, RequestContext } from '@app/common';
import {
  AdminWebhookDeliveryQuery,
  CreateWebhookEndpointDto,
  UpdateWebhookEndpointDto,
  WebhookDeliveryPage,
  WebhookDeliveryQuery,
  WebhookDeliveryService,
  WebhookDeliveryView,
  WebhookEndpointService,
  WebhookEndpointView,
} from '@app/webhooks';
import { Roles } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';
import { UuidParamPipe } from '../http/uuid-param.pipe';

type ActorContext = RequestContext & { actor: Actor };

/**
 * An organisation's webhooks, kept by its admin (agency_admin or vendor_admin of that organisation):
 * endpoints, secrets (shown once), a test ping, the delivery history with its dead letters, replay.
 * Staff use the admin routes below.
 */
@ApiTags('webhooks')
@Controller('organisations/me/webhooks')
export class OrganisationWebhooksController {
  constructor(
    private readonly endpoints: WebhookEndpointService,
    private readonly deliveries: WebhookDeliveryService,
  ) {}

  @Get()
  @Roles('agency_admin', 'vendor_admin')
  @ApiOkResponse({ type: [WebhookEndpointView] })
  list(@Ctx() ctx: ActorContext): Promise<WebhookEndpointView[]> {
    return this.endpoints.list(ctx.actor);
  }

  /** The answer carries `secret`: the only time (with rotate-secret) it is shown. */
  @Post()
  @Roles('agency_admin', 'vendor_admin')
  @ApiCreatedResponse({ type: WebhookEndpointView })
  create(@Ctx() ctx: ActorContext, @Body() body: CreateWebhookEndpointDto): Promise<WebhookEndpointView> {
    return this.endpoints.create(ctx, body);
  }

  /** Deliveries, newest first (`?status=dead` = the dead-letter list). */
  @Get('deliveries')
  @Roles('agency_admin', 'vendor_admin')
  @ApiOkResponse({ type: WebhookDeliveryPage })
  listDeliveries(@Ctx() ctx: ActorContext, @Query() query: WebhookDeliveryQuery): Promise<Page<WebhookDeliveryView>> {
    return this.deliveries.listForOrganisation(ctx.actor, query);
  }

  /** Sends a dead delivery again: fresh attempts, the same Idempotency-Key. */
  @Post('deliveries/:id/replay')
  @HttpCode(202)
  @Roles('agency_admin', 'vendor_admin')
  @ApiAcceptedResponse({ type: WebhookDeliveryView })
  replay(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<WebhookDeliveryView> {
    return this.deliveries.replay(ctx, id);
  }

  @Patch(':id')
  @Roles('agency_admin', 'vendor_admin')
  @ApiOkResponse({ type: WebhookEndpointView })
  update(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateWebhookEndpointDto,
  ): Promise<WebhookEndpointView> {
    return this.endpoints.update(ctx, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('agency_admin', 'vendor_admin')
  @ApiNoContentResponse()
  async remove(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.endpoints.remove(ctx, id);
  }

  /** A new secret, effective at once; the answer carries it (shown once). */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Roles('agency_admin', 'vendor_admin')
  @ApiOkResponse({ type: WebhookEndpointView })
  rotateSecret(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<WebhookEndpointView> {
    return this.endpoints.rotateSecret(ctx, id);
  }

  /** Queues a signed `webhook.ping` delivery to the endpoint. */
  @Post(':id/test')
  @HttpCode(202)
  @Roles('agency_admin', 'vendor_admin')
  @ApiAcceptedResponse({ description: '`{deliveryId}`: follow it in the deliveries list' })
  test(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<{ deliveryId: string }> {
    return this.endpoints.ping(ctx, id);
  }
}

/** Staff: every organisation's webhook deliveries (failed and dead ones to watch) and a retry button. */
@ApiTags('webhooks')
@Controller('admin/webhook-deliveries')
export class AdminWebhookDeliveriesController {
  constructor(private readonly deliveries: WebhookDeliveryService) {}

  @Get()
  @Roles('staff', 'platform_admin')
  @ApiOkResponse({ type: WebhookDeliveryPage })
  list(@Ctx() ctx: ActorContext, @Query() query: AdminWebhookDeliveryQuery): Promise<Page<WebhookDeliveryView>> {
    return this.deliveries.listAll(ctx.actor, query);
  }

  /** Sends a failed or dead delivery again now, with fresh attempts. */
  @Post(':id/retry')
  @HttpCode(202)
  @Roles('staff', 'platform_admin')
  @ApiAcceptedResponse({ type: WebhookDeliveryView })
  retry(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<WebhookDeliveryView> {
    return this.deliveries.retry(ctx, id);
  }
}
