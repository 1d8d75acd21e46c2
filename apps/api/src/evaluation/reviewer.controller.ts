import { Body, Controller, Get, Param, Put, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, RequestContext } from '@app/common';
import {
  ConflictsView,
  DeclareConflictsDto,
  MyPanelView,
  MyScoresView,
  ReviewerProposalsView,
  ScoringService,
  SubmitScoresDto,
} from '@app/evaluation';
import { Roles } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { sendAttachment } from '../http/send-attachment';

type ActorContext = RequestContext & { actor: Actor };

/** Reviewers (专家): their panels, conflict-of-interest declarations, the proposals to score, their scores. */
@ApiTags('evaluation')
@Controller('evaluations')
export class ReviewerEvaluationsController {
  constructor(private readonly scoring: ScoringService) {}

  @Get('mine')
  @Roles('reviewer')
  @ApiOkResponse({ type: [MyPanelView] })
  mine(@Ctx() ctx: ActorContext): Promise<MyPanelView[]> {
    return this.scoring.myPanels(ctx.actor);
  }

  @Get(':id/conflicts')
  @Roles('reviewer')
  @ApiOkResponse({ type: ConflictsView })
  conflicts(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<ConflictsView> {
    return this.scoring.conflicts(ctx.actor, id);
  }

  /** Declares (no) conflict of interest per vendor; required for every vendor before any proposal opens. */
  @Put(':id/conflicts')
  @Roles('reviewer')
  @ApiOkResponse({ type: ConflictsView })
  declare(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: DeclareConflictsDto,
  ): Promise<ConflictsView> {
    return this.scoring.declareConflicts(ctx, id, body);
  }

  @Get(':id/proposals')
  @Roles('reviewer')
  @ApiOkResponse({ type: ReviewerProposalsView })
  proposals(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<ReviewerProposalsView> {
    return this.scoring.proposalsToScore(ctx.actor, id);
  }

  /** A proposal's attachment, as the reviewer may open the proposal (named attachment-<n> while masked). */
  @Get(':id/proposals/:proposalId/attachments/:attachmentId')
  @Roles('reviewer')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file (unsealed), with its stored media type' })
  async attachment(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Param('proposalId', UuidParamPipe) proposalId: string,
    @Param('attachmentId', UuidParamPipe) attachmentId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const download = await this.scoring.attachment(ctx.actor, id, proposalId, attachmentId);
    sendAttachment(request, reply, download, 'private, no-store');
  }

  /** Scores (or re-scores) one proposal on every criterion while the panel is open. */
  @Put(':id/proposals/:proposalId/scores')
  @Roles('reviewer')
  @ApiOkResponse({ type: MyScoresView })
  score(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Param('proposalId', UuidParamPipe) proposalId: string,
    @Body() body: SubmitScoresDto,
  ): Promise<MyScoresView> {
    return this.scoring.submitScores(ctx, id, proposalId, body);
  }
}
