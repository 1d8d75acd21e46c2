import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor, RequestContext } from '@app/common';
import {
  AssignPanelDto,
  AwardDecisionView,
  AwardRecordView,
  AwardService,
  ConsensusView,
  CoverageView,
  DecideObjectionDto,
  EvaluationService,
  EvaluationView,
  ObjectionView,
  RecordAwardDto,
  SetEvaluationDto,
  ShortlistDto,
} from '@app/evaluation';
import { Roles } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';
import { UuidParamPipe } from '../http/uuid-param.pipe';

type ActorContext = RequestContext & { actor: Actor };

/** The centre runs a scenario's expert evaluation (专家评审): rubric, panel, scoring round, consensus, shortlist. */
@ApiTags('evaluation')
@Controller('scenarios/:id')
export class EvaluationController {
  constructor(
    private readonly evaluations: EvaluationService,
    private readonly awards: AwardService,
  ) {}

  @Get('evaluation')
  @Roles('staff')
  @ApiOkResponse({ type: EvaluationView })
  get(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<EvaluationView> {
    return this.evaluations.get(ctx.actor, id);
  }

  /** Sets or replaces the rubric and the panel's settings while the evaluation is in setup. */
  @Put('evaluation')
  @Roles('staff')
  @ApiOkResponse({ type: EvaluationView })
  setRubric(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: SetEvaluationDto,
  ): Promise<EvaluationView> {
    return this.evaluations.setRubric(ctx, id, body);
  }

  @Post('evaluation/panel')
  @HttpCode(200)
  @Roles('staff')
  @ApiOkResponse({ type: EvaluationView })
  assignPanel(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: AssignPanelDto,
  ): Promise<EvaluationView> {
    return this.evaluations.assignPanel(ctx, id, body);
  }

  @Delete('evaluation/panel/:reviewerId')
  @Roles('staff')
  @ApiOkResponse({ type: EvaluationView })
  removePanelMember(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Param('reviewerId', UuidParamPipe) reviewerId: string,
  ): Promise<EvaluationView> {
    return this.evaluations.removePanelMember(ctx, id, reviewerId);
  }

  /** Opens the panel for scoring (the scenario goes from closed to under_evaluation). */
  @Post('evaluation/open')
  @HttpCode(200)
  @Roles('staff')
  @ApiOkResponse({ type: EvaluationView })
  open(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<EvaluationView> {
    return this.evaluations.openScoring(ctx, id);
  }

  /** Ends the blind first round: reviewers see vendor names from now on. */
  @Post('evaluation/reveal')
  @HttpCode(200)
  @Roles('staff')
  @ApiOkResponse({ type: EvaluationView })
  reveal(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<EvaluationView> {
    return this.evaluations.revealNames(ctx, id);
  }

  /** Closes the panel: scores are final. */
  @Post('evaluation/close')
  @HttpCode(200)
  @Roles('staff')
  @ApiOkResponse({ type: EvaluationView })
  close(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<EvaluationView> {
    return this.evaluations.closePanel(ctx, id);
  }

  /** Whether every proposal still has enough reviewers once conflicts of interest are taken out. */
  @Get('evaluation/coverage')
  @Roles('staff')
  @ApiOkResponse({ type: CoverageView })
  coverage(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<CoverageView> {
    return this.evaluations.coverage(ctx.actor, id);
  }

  @Get('evaluation/consensus')
  @Roles('staff')
  @ApiOkResponse({ type: ConsensusView })
  consensus(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<ConsensusView> {
    return this.evaluations.consensus(ctx.actor, id);
  }

  @Put('shortlist')
  @Roles('staff')
  @ApiOkResponse({ type: ConsensusView })
  shortlist(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ShortlistDto,
  ): Promise<ConsensusView> {
    return this.evaluations.shortlist(ctx, id, body);
  }

  /** Records the award decision (award or no award) with its justification; the standstill starts. */
  @Post('award')
  @Roles('staff')
  @ApiCreatedResponse({ type: AwardDecisionView })
  award(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: RecordAwardDto,
  ): Promise<AwardDecisionView> {
    return this.awards.recordAward(ctx, id, body);
  }

  @Get('award')
  @Roles('staff')
  @ApiOkResponse({ type: AwardRecordView })
  awardRecord(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<AwardRecordView> {
    return this.awards.award(ctx.actor, id);
  }
}

/** Staff decide vendors' objections to an award decision, with reasons. */
@ApiTags('evaluation')
@Controller('objections/:id')
export class ObjectionsController {
  constructor(private readonly awards: AwardService) {}

  /** Upholds the objection: the decision is set aside and the evaluation goes back to scoring. */
  @Post('uphold')
  @HttpCode(200)
  @Roles('staff')
  @ApiOkResponse({ type: ObjectionView })
  uphold(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: DecideObjectionDto,
  ): Promise<ObjectionView> {
    return this.awards.upholdObjection(ctx, id, body);
  }

  @Post('dismiss')
  @HttpCode(200)
  @Roles('staff')
  @ApiOkResponse({ type: ObjectionView })
  dismiss(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: DecideObjectionDto,
  ): Promise<ObjectionView> {
    return this.awards.dismissObjection(ctx, id, body);
  }
}
