import { Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, PageQuery, type RequestContext } from '@app/common';
import { FollowedScenarioPageView, FollowService, FollowStateView } from '@app/scenarios';
import { Roles } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';
import { UuidParamPipe } from '../http/uuid-param.pipe';

type ActorContext = RequestContext & { actor: Actor };

/** Vendors follow (关注) scenarios of the opportunity list; agencies see only the follower count. */
@ApiTags('scenarios')
@Controller('scenarios')
export class FollowsController {
  constructor(private readonly follows: FollowService) {}

  @Get('followed')
  @Roles('vendor_member', 'vendor_admin')
  @ApiOkResponse({ type: FollowedScenarioPageView })
  followed(@Ctx() ctx: ActorContext, @Query() query: PageQuery): Promise<FollowedScenarioPageView> {
    return this.follows.listFollowed(ctx.actor, query);
  }

  @Put(':id/follow')
  @HttpCode(200)
  @Roles('vendor_member', 'vendor_admin')
  @ApiOkResponse({ type: FollowStateView, description: 'Idempotent: following a followed scenario changes nothing' })
  follow(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<FollowStateView> {
    return this.follows.follow(ctx, id);
  }

  @Delete(':id/follow')
  @HttpCode(200)
  @Roles('vendor_member', 'vendor_admin')
  @ApiOkResponse({ type: FollowStateView, description: 'Idempotent: always `following: false`' })
  unfollow(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<FollowStateView> {
    return this.follows.unfollow(ctx, id);
  }
}
