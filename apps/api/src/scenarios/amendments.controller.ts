import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotModifiedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, RequestContext } from '@app/common';
import {
  AmendmentDetailView,
  AmendmentDiffView,
  AmendmentResultView,
  AmendmentService,
  AmendmentSummaryView,
  AmendScenarioDto,
} from '@app/scenarios';
import { Authenticated, Public, Roles } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';
import { sendCacheable } from '../http/http-cache';
import { UuidParamPipe } from '../http/uuid-param.pipe';

type ActorContext = RequestContext & { actor: Actor };

/** Amendments (变更) to published scenarios, by their owning agency. */
@ApiTags('scenarios')
@Controller('scenarios')
export class ScenarioAmendmentsController {
  constructor(private readonly amendments: AmendmentService) {}

  @Post(':id/amendments')
  @Roles('agency_officer', 'agency_admin')
  @ApiCreatedResponse({ type: AmendmentResultView })
  amend(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: AmendScenarioDto,
  ): Promise<AmendmentResultView> {
    return this.amendments.amend(ctx, id, body);
  }

  /** Full values and who amended: the owning agency and the centre (others use the public route). */
  @Get(':id/amendments/:no')
  @Authenticated()
  @ApiOkResponse({ type: AmendmentDetailView })
  get(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Param('no') no: string,
  ): Promise<AmendmentDetailView> {
    return this.amendments.get(ctx.actor, id, no);
  }
}

/** The public amendment history of a scenario and the differences of each amendment. */
@ApiTags('public')
@Controller('public/scenarios')
export class PublicScenarioAmendmentsController {
  constructor(private readonly amendments: AmendmentService) {}

  @Get(':codeOrId/amendments')
  @Public()
  @ApiOkResponse({ type: [AmendmentSummaryView] })
  @ApiNotModifiedResponse({ description: 'If-None-Match matched the ETag' })
  async list(
    @Param('codeOrId') codeOrId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendCacheable(request, reply, await this.amendments.listPublic(codeOrId));
  }

  @Get(':codeOrId/amendments/:no')
  @Public()
  @ApiOkResponse({ type: AmendmentDiffView })
  @ApiNotModifiedResponse({ description: 'If-None-Match matched the ETag' })
  async get(
    @Param('codeOrId') codeOrId: string,
    @Param('no') no: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendCacheable(request, reply, await this.amendments.getPublic(codeOrId, no));
  }
}
