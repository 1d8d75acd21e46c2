import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor, RequestContext } from '@app/common';
import {
  ListOrganisationsQuery,
  NewMemberDto,
  OrganisationPageView,
  OrganisationService,
  OrganisationView,
  RejectOrganisationDto,
  UserService,
  UserView,
} from '@app/identity';
import { Authenticated, Roles } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';
import { UuidParamPipe } from '../http/uuid-param.pipe';

type ActorContext = RequestContext & { actor: Actor };

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationService,
    private readonly users: UserService,
  ) {}

  @Get()
  @Roles('staff', 'platform_admin')
  @ApiOkResponse({ type: OrganisationPageView })
  list(@Query() query: ListOrganisationsQuery): Promise<OrganisationPageView> {
    return this.organisations.list(query);
  }

  @Get(':id')
  @Authenticated()
  @ApiOkResponse({ type: OrganisationView })
  get(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<OrganisationView> {
    return this.organisations.get(ctx.actor, id);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Roles('staff', 'platform_admin')
  @ApiOkResponse({ type: OrganisationView })
  verify(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<OrganisationView> {
    return this.organisations.decide(ctx, id, 'verify', null);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('staff', 'platform_admin')
  @ApiOkResponse({ type: OrganisationView })
  reject(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: RejectOrganisationDto,
  ): Promise<OrganisationView> {
    return this.organisations.decide(ctx, id, 'reject', body.reason);
  }

  @Get(':id/members')
  @Authenticated()
  @ApiOkResponse({ type: [UserView] })
  members(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<UserView[]> {
    return this.users.listMembers(ctx.actor, id);
  }

  @Post(':id/members')
  @Roles('agency_admin', 'vendor_admin', 'platform_admin')
  @ApiOkResponse({ type: UserView })
  addMember(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: NewMemberDto,
  ): Promise<UserView> {
    return this.users.addMember(ctx, id, body);
  }
}
