import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor, RequestContext } from '@app/common';
import { CreateSavedSearchDto, SavedSearchListView, SavedSearchService, SavedSearchView } from '@app/notifications';
import { Authenticated } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';
import { UuidParamPipe } from '../http/uuid-param.pipe';

type ActorContext = RequestContext & { actor: Actor };

/** Saved searches (订阅): filters of the opportunity list that raise an alert when a matching scenario is published. */
@ApiTags('notifications')
@Controller('saved-searches')
export class SavedSearchesController {
  constructor(private readonly savedSearches: SavedSearchService) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ type: SavedSearchListView })
  list(@Ctx() ctx: ActorContext): Promise<SavedSearchListView> {
    return this.savedSearches.list(ctx.actor);
  }

  @Post()
  @Authenticated()
  @ApiCreatedResponse({
    type: SavedSearchView,
    description: '409 SAVED_SEARCH_LIMIT_REACHED beyond the per-user limit',
  })
  create(@Ctx() ctx: ActorContext, @Body() dto: CreateSavedSearchDto): Promise<SavedSearchView> {
    return this.savedSearches.create(ctx.actor, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated()
  @ApiNoContentResponse({ description: 'Deleted (another user’s saved search is not found)' })
  async remove(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.savedSearches.remove(ctx.actor, id);
  }
}
