import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor, RequestContext } from '@app/common';
import {
  RejectScenarioDto,
  ReturnScenarioDto,
  ScenarioView,
  VettingDetailView,
  VettingQueueItemView,
  VettingService,
} from '@app/scenarios';
import { Roles } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';
import { UuidParamPipe } from '../http/uuid-param.pipe';

type ActorContext = RequestContext & { actor: Actor };

/** Enablement-centre vetting (审核) of submitted scenarios. */
@ApiTags('vetting')
@Controller('vetting')
export class VettingController {
  constructor(private readonly vetting: VettingService) {}

  @Get('queue')
  @Roles('staff', 'platform_admin')
  @ApiOkResponse({ type: [VettingQueueItemView] })
  queue(): Promise<VettingQueueItemView[]> {
    return this.vetting.queue();
  }

  @Get(':id')
  @Roles('staff', 'platform_admin')
  @ApiOkResponse({ type: VettingDetailView })
  detail(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<VettingDetailView> {
    return this.vetting.detail(ctx.actor, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('staff', 'platform_admin')
  @ApiOkResponse({ type: ScenarioView })
  approve(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<ScenarioView> {
    return this.vetting.decide(ctx, id, 'approve', {});
  }

  @Post(':id/return')
  @HttpCode(200)
  @Roles('staff', 'platform_admin')
  @ApiOkResponse({ type: ScenarioView })
  return(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ReturnScenarioDto,
  ): Promise<ScenarioView> {
    return this.vetting.decide(ctx, id, 'return', { comments: body.comments });
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('staff', 'platform_admin')
  @ApiOkResponse({ type: ScenarioView })
  reject(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: RejectScenarioDto,
  ): Promise<ScenarioView> {
    return this.vetting.decide(ctx, id, 'reject', { reason: body.reason });
  }
}
