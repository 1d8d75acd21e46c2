import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor, RequestContext } from '@app/common';
import { AnswerQuestionDto, AskQuestionDto, ClarificationService, QuestionView } from '@app/scenarios';
import { Authenticated, Roles } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';
import { UuidParamPipe } from '../http/uuid-param.pipe';

type ActorContext = RequestContext & { actor: Actor };

/** Q&A (澄清答疑) on published scenarios: vendors ask anonymously, the owning agency answers for all. */
@ApiTags('scenarios')
@Controller('scenarios')
export class ClarificationsController {
  constructor(private readonly clarifications: ClarificationService) {}

  @Post(':id/questions')
  @Roles('vendor_member', 'vendor_admin')
  @ApiCreatedResponse({ type: QuestionView })
  ask(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: AskQuestionDto,
  ): Promise<QuestionView> {
    return this.clarifications.ask(ctx, id, body);
  }

  @Get(':id/questions')
  @Authenticated()
  @ApiOkResponse({ type: [QuestionView] })
  list(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<QuestionView[]> {
    return this.clarifications.list(ctx.actor, id);
  }

  @Post(':id/questions/:questionId/answer')
  @HttpCode(200)
  @Roles('agency_officer', 'agency_admin')
  @ApiOkResponse({ type: QuestionView })
  answer(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Param('questionId', UuidParamPipe) questionId: string,
    @Body() body: AnswerQuestionDto,
  ): Promise<QuestionView> {
    return this.clarifications.answer(ctx, id, questionId, body);
  }
}
