import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiNotModifiedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PublicScenarioDetail, PublicScenarioPage, PublicScenarioQuery, PublicScenarioService } from '@app/scenarios';
import { Public } from '../access/access.decorators';
import { sendCacheable } from '../http/http-cache';

/** The public opportunity list (场景机会清单): anyone may search and read published scenarios. */
@ApiTags('public')
@Controller('public/scenarios')
export class PublicScenariosController {
  constructor(private readonly scenarios: PublicScenarioService) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: PublicScenarioPage })
  @ApiNotModifiedResponse({ description: 'If-None-Match matched the ETag' })
  async list(
    @Query() query: PublicScenarioQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendCacheable(request, reply, await this.scenarios.list(query));
  }

  @Get(':codeOrId')
  @Public()
  @ApiOkResponse({ type: PublicScenarioDetail })
  @ApiNotModifiedResponse({ description: 'If-None-Match matched the ETag' })
  async get(
    @Param('codeOrId') codeOrId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendCacheable(request, reply, await this.scenarios.get(codeOrId));
  }
}
