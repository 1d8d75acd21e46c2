import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor, RequestContext } from '@app/common';
import {
  InvitationListView,
  InvitationView,
  InviteVendorDto,
  MatchFeedbackDto,
  MatchFeedbackView,
  MatchingService,
  MatchLimitQuery,
  RecommendationsView,
  ScenarioMatchesView,
} from '@app/matching';
import { Roles } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';
import { UuidParamPipe } from '../http/uuid-param.pipe';

type ActorContext = RequestContext & { actor: Actor };

const DEFAULT_LIMIT = 20;

/** A scenario's best-matching vendors (供需对接) and staff invitations to apply. */
@ApiTags('matching')
@Controller('scenarios')
export class ScenarioMatchingController {
  constructor(private readonly matching: MatchingService) {}

  @Get(':id/matches')
  @Roles('staff', 'platform_admin', 'agency_officer', 'agency_admin')
  @ApiOkResponse({ type: ScenarioMatchesView, description: 'Staff always; the owning agency once published' })
  matches(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: MatchLimitQuery,
  ): Promise<ScenarioMatchesView> {
    return this.matching.matchesFor(ctx.actor, id, query.limit ?? DEFAULT_LIMIT);
  }

  @Post(':id/invitations')
  @Roles('staff')
  @ApiCreatedResponse({ type: InvitationView, description: 'Once per scenario and vendor (409 after)' })
  invite(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: InviteVendorDto,
  ): Promise<InvitationView> {
    return this.matching.invite(ctx, id, body);
  }

  @Get(':id/invitations')
  @Roles('staff')
  @ApiOkResponse({ type: InvitationListView })
  invitations(@Param('id', UuidParamPipe) id: string): Promise<InvitationListView> {
    return this.matching.invitations(id);
  }
}

/** Open scenarios recommended to the caller's vendor organisation, and its feedback on them. */
@ApiTags('matching')
@Controller('vendors/me/recommendations')
export class VendorRecommendationsController {
  constructor(private readonly matching: MatchingService) {}

  @Get()
  @Roles('vendor_admin', 'vendor_member')
  @ApiOkResponse({ type: RecommendationsView })
  recommendations(@Ctx() ctx: ActorContext, @Query() query: MatchLimitQuery): Promise<RecommendationsView> {
    return this.matching.recommendationsFor(ctx.actor, query.limit ?? DEFAULT_LIMIT);
  }

  @Put(':scenarioId/feedback')
  @HttpCode(200)
  @Roles('vendor_admin', 'vendor_member')
  @ApiOkResponse({ type: MatchFeedbackView, description: 'Replaces earlier feedback on the scenario' })
  feedback(
    @Ctx() ctx: ActorContext,
    @Param('scenarioId', UuidParamPipe) scenarioId: string,
    @Body() body: MatchFeedbackDto,
  ): Promise<MatchFeedbackView> {
    return this.matching.setFeedback(ctx, scenarioId, body.kind);
  }

  @Delete(':scenarioId/feedback')
  @HttpCode(204)
  @Roles('vendor_admin', 'vendor_member')
  @ApiNoContentResponse({ description: 'Idempotent' })
  async clearFeedback(@Ctx() ctx: ActorContext, @Param('scenarioId', UuidParamPipe) scenarioId: string): Promise<void> {
    await this.matching.clearFeedback(ctx, scenarioId);
  }
}
