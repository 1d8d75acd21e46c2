import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiNotModifiedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from '@app/common';
import {
  PublicScenarioDetail,
  PublicScenarioExportQuery,
  PublicScenarioExportService,
  PublicScenarioPage,
  PublicScenarioQuery,
  PublicScenarioService,
} from '@app/scenarios';
import { Public } from '../access/access.decorators';
import { sendCacheable, sendCacheableFile } from '../http/http-cache';
import { Ctx } from '../http/request-context.decorator';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const exportName = (ext: string) => `scenario-opportunities-${new Date().toISOString().slice(0, 10)}.${ext}`;

/** The public opportunity list (场景机会清单): anyone may search and read published scenarios. */
@ApiTags('public')
@Controller('public/scenarios')
export class PublicScenariosController {
  constructor(
    private readonly scenarios: PublicScenarioService,
    private readonly exports: PublicScenarioExportService,
  ) {}

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

  @Get('export.csv')
  @Public()
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The filtered list (same filters and sort as the list) as UTF-8 CSV with a BOM' })
  async exportCsv(
    @Ctx() ctx: RequestContext,
    @Query() query: PublicScenarioExportQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.exports.csv(query, ctx.locale);
    sendCacheableFile(request, reply, file, { type: 'text/csv; charset=utf-8', fileName: exportName('csv') });
  }

  @Get('export.xlsx')
  @Public()
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The filtered list (same filters and sort as the list) as an Excel workbook' })
  async exportXlsx(
    @Ctx() ctx: RequestContext,
    @Query() query: PublicScenarioExportQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.exports.xlsx(query, ctx.locale);
    sendCacheableFile(request, reply, file, { type: XLSX, fileName: exportName('xlsx') });
  }

  @Get('feed.atom')
  @Public()
  @ApiProduces('application/atom+xml')
  @ApiOkResponse({ description: 'Atom feed of the newest published scenarios' })
  async feed(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const xml = await this.exports.atom();
    sendCacheableFile(request, reply, Buffer.from(xml, 'utf8'), { type: 'application/atom+xml; charset=utf-8' });
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
