import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor, RequestContext } from '@app/common';
import {
  CancelScenarioDto,
  CreateScenarioDto,
  ListMyScenariosQuery,
  ListScenariosQuery,
  ScenarioPageView,
  ScenarioService,
  ScenarioView,
  StaffScenarioPageView,
  UpdateScenarioDto,
} from '@app/scenarios';
import { Authenticated, Roles } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';
import { UuidParamPipe } from '../http/uuid-param.pipe';

type ActorContext = RequestContext & { actor: Actor };

/** The agency workspace: drafts, autosave, submission, withdrawal, copies. */
@ApiTags('scenarios')
@Controller('scenarios')
export class ScenariosController {
  constructor(private readonly scenarios: ScenarioService) {}

  /** The centre's list: every scenario but drafts, newest updated first (before `:id`). */
  @Get()
  @Roles('staff', 'platform_admin')
  @ApiOkResponse({ type: StaffScenarioPageView })
  list(@Query() query: ListScenariosQuery): Promise<StaffScenarioPageView> {
    return this.scenarios.listForCentre(query);
  }

  @Post()
  @Roles('agency_officer', 'agency_admin')
  @ApiOkResponse({ type: ScenarioView })
  create(@Ctx() ctx: ActorContext, @Body() body: CreateScenarioDto): Promise<ScenarioView> {
    return this.scenarios.create(ctx, body);
  }

  @Get('mine')
  @Roles('agency_officer', 'agency_admin')
  @ApiOkResponse({ type: ScenarioPageView })
  mine(@Ctx() ctx: ActorContext, @Query() query: ListMyScenariosQuery): Promise<ScenarioPageView> {
    return this.scenarios.listMine(ctx.actor, query);
  }

  @Get(':id')
  @Authenticated()
  @ApiOkResponse({ type: ScenarioView })
  get(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<ScenarioView> {
    return this.scenarios.get(ctx.actor, id);
  }

  @Patch(':id')
  @Roles('agency_officer', 'agency_admin')
  @ApiOkResponse({ type: ScenarioView })
  update(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateScenarioDto,
  ): Promise<ScenarioView> {
    return this.scenarios.update(ctx, id, body);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('agency_officer', 'agency_admin')
  @ApiOkResponse({ type: ScenarioView })
  submit(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<ScenarioView> {
    return this.scenarios.transition(ctx, id, 'submit');
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('agency_officer', 'agency_admin')
  @ApiOkResponse({ type: ScenarioView })
  withdraw(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<ScenarioView> {
    return this.scenarios.transition(ctx, id, 'withdraw');
  }

  /** Cancel a published scenario with a reason: the owning agency's admin or the centre (see the life cycle). */
  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('agency_admin', 'staff', 'platform_admin')
  @ApiOkResponse({ type: ScenarioView })
  cancel(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: CancelScenarioDto,
  ): Promise<ScenarioView> {
    return this.scenarios.transition(ctx, id, 'cancel', { reason: body.reason });
  }

  @Post(':id/copy')
  @Roles('agency_officer', 'agency_admin')
  @ApiOkResponse({ type: ScenarioView })
  copy(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<ScenarioView> {
    return this.scenarios.copy(ctx, id);
  }
}
