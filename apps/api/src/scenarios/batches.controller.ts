import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor, RequestContext } from '@app/common';
import {
  AddBatchScenariosDto,
  BatchDetailView,
  BatchService,
  BatchView,
  CreateBatchDto,
  PublishBatchDto,
} from '@app/scenarios';
import { Roles } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';
import { UuidParamPipe } from '../http/uuid-param.pipe';

type ActorContext = RequestContext & { actor: Actor };

/** Batches (批次) of the opportunity list, put together and published by the enablement centre. */
@ApiTags('batches')
@Controller('batches')
export class BatchesController {
  constructor(private readonly batches: BatchService) {}

  @Post()
  @Roles('staff', 'platform_admin')
  @ApiOkResponse({ type: BatchView })
  create(@Ctx() ctx: ActorContext, @Body() body: CreateBatchDto): Promise<BatchView> {
    return this.batches.create(ctx, body.year);
  }

  @Get()
  @Roles('staff', 'platform_admin')
  @ApiOkResponse({ type: [BatchView] })
  list(): Promise<BatchView[]> {
    return this.batches.list();
  }

  @Get(':id')
  @Roles('staff', 'platform_admin')
  @ApiOkResponse({ type: BatchDetailView })
  get(@Param('id', UuidParamPipe) id: string): Promise<BatchDetailView> {
    return this.batches.get(id);
  }

  @Post(':id/scenarios')
  @HttpCode(200)
  @Roles('staff', 'platform_admin')
  @ApiOkResponse({ type: BatchDetailView })
  addScenarios(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: AddBatchScenariosDto,
  ): Promise<BatchDetailView> {
    return this.batches.addScenarios(ctx, id, body.scenarioIds);
  }

  @Delete(':id/scenarios/:scenarioId')
  @Roles('staff', 'platform_admin')
  @ApiOkResponse({ type: BatchDetailView })
  removeScenario(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Param('scenarioId', UuidParamPipe) scenarioId: string,
  ): Promise<BatchDetailView> {
    return this.batches.removeScenario(ctx, id, scenarioId);
  }

  /** Publishes now, or with `at` (a future time) schedules the publication. */
  @Post(':id/publish')
  @HttpCode(200)
  @Roles('staff', 'platform_admin')
  @ApiOkResponse({ type: BatchDetailView })
  publish(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: PublishBatchDto,
  ): Promise<BatchDetailView> {
    return this.batches.publish(ctx, id, body.at === undefined ? undefined : new Date(body.at));
  }

  /** Cancels a scheduled publication: the batch is a draft again. */
  @Post(':id/unschedule')
  @HttpCode(200)
  @Roles('staff', 'platform_admin')
  @ApiOkResponse({ type: BatchDetailView })
  unschedule(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<BatchDetailView> {
    return this.batches.unschedule(ctx, id);
  }
}
