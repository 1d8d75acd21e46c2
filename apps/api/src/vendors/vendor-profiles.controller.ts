import { Body, Controller, Get, Param, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor, RequestContext } from '@app/common';
import { PutVendorProfileDto, VendorProfileService, VendorProfileView } from '@app/vendors';
import { Roles } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';
import { UuidParamPipe } from '../http/uuid-param.pipe';

type ActorContext = RequestContext & { actor: Actor };

/** Vendors keep their capability profile (场景能力清单); centre staff read any vendor's. */
@ApiTags('vendors')
@Controller('vendors')
export class VendorProfilesController {
  constructor(private readonly profiles: VendorProfileService) {}

  @Get('me/profile')
  @Roles('vendor_admin', 'vendor_member')
  @ApiOkResponse({ type: VendorProfileView })
  mine(@Ctx() ctx: ActorContext): Promise<VendorProfileView> {
    return this.profiles.getMine(ctx.actor);
  }

  /** Creates the profile (no `version`: 201) or replaces it (`version` as read: 200; stale: 409). */
  @Put('me/profile')
  @Roles('vendor_admin', 'vendor_member')
  @ApiOkResponse({ type: VendorProfileView, description: 'Replaced' })
  @ApiCreatedResponse({ type: VendorProfileView, description: 'Created' })
  async put(@Ctx() ctx: ActorContext, @Body() body: PutVendorProfileDto, @Res() reply: FastifyReply): Promise<void> {
    const { view, created } = await this.profiles.put(ctx, body);
    void reply.code(created ? 201 : 200).send(view);
  }

  @Get(':organisationId/profile')
  @Roles('staff', 'platform_admin')
  @ApiOkResponse({ type: VendorProfileView })
  get(
    @Ctx() ctx: ActorContext,
    @Param('organisationId', UuidParamPipe) organisationId: string,
  ): Promise<VendorProfileView> {
    return this.profiles.getFor(ctx.actor, organisationId);
  }
}
