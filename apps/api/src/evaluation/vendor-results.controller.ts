import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor, RequestContext } from '@app/common';
import { AwardService, EvaluationResultView, LodgeObjectionDto, ObjectionView } from '@app/evaluation';
import { Roles } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';
import { UuidParamPipe } from '../http/uuid-param.pipe';

type ActorContext = RequestContext & { actor: Actor };

/** A vendor's own evaluation result, and its objection within the standstill. */
@ApiTags('evaluation')
@Controller('proposals/:id')
export class ProposalEvaluationController {
  constructor(private readonly awards: AwardService) {}

  @Get('evaluation-result')
  @Roles('vendor_admin', 'vendor_member')
  @ApiOkResponse({ type: EvaluationResultView })
  result(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<EvaluationResultView> {
    return this.awards.result(ctx.actor, id);
  }

  @Post('objections')
  @Roles('vendor_admin', 'vendor_member')
  @ApiCreatedResponse({ type: ObjectionView })
  object(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: LodgeObjectionDto,
  ): Promise<ObjectionView> {
    return this.awards.lodgeObjection(ctx, id, body);
  }
}
