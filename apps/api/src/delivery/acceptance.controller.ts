import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor, RequestContext } from '@app/common';
import {
  AcceptanceRoundView,
  AcceptanceService,
  DesignateDemonstrationDto,
  RecordTrialResultDto,
  RecordVerdictDto,
  TrialResultView,
} from '@app/delivery';
import { ScenarioView } from '@app/scenarios';
import { Roles } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';
import { UuidParamPipe } from '../http/uuid-param.pipe';

type ActorContext = RequestContext & { actor: Actor };

/**
 * Trial results at the test ground, acceptance (验收) by the owning agency and the centre, the
 * demonstration scenario (示范场景) and its replication (复制推广) by other agencies.
 */
@ApiTags('delivery')
@Controller('scenarios/:id')
export class AcceptanceController {
  constructor(private readonly acceptance: AcceptanceService) {}

  /** A measurement of one of the scenario's KPIs (its metric name) against the target: staff or the owning agency. */
  @Post('delivery/trial-results')
  @Roles('staff', 'agency_officer', 'agency_admin')
  @ApiCreatedResponse({ type: TrialResultView })
  recordTrialResult(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: RecordTrialResultDto,
  ): Promise<TrialResultView> {
    return this.acceptance.recordTrialResult(ctx, id, body);
  }

  /** The owning agency's or the centre's verdict in the open acceptance round. */
  @Post('acceptance/verdicts')
  @HttpCode(200)
  @Roles('staff', 'agency_officer', 'agency_admin')
  @ApiOkResponse({ type: AcceptanceRoundView })
  recordVerdict(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: RecordVerdictDto,
  ): Promise<AcceptanceRoundView> {
    return this.acceptance.recordVerdict(ctx, id, body);
  }

  /** Staff accept the scenario once both verdicts are in and neither is not met. */
  @Post('accept')
  @HttpCode(200)
  @Roles('staff')
  @ApiOkResponse({ type: ScenarioView })
  accept(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<ScenarioView> {
    return this.acceptance.accept(ctx, id);
  }

  @Post('designate-demonstration')
  @HttpCode(200)
  @Roles('staff')
  @ApiOkResponse({ type: ScenarioView })
  designateDemonstration(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: DesignateDemonstrationDto,
  ): Promise<ScenarioView> {
    return this.acceptance.designateDemonstration(ctx, id, body);
  }

  /** A verified agency's new draft from a demonstration scenario, linked to it. */
  @Post('replicate')
  @Roles('agency_officer', 'agency_admin')
  @ApiCreatedResponse({ type: ScenarioView })
  replicate(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<ScenarioView> {
    return this.acceptance.replicate(ctx, id);
  }
}
