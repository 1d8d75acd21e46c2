import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiNotModifiedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  FunnelQuery,
  FunnelView,
  PublicAgencyView,
  PublicBatchView,
  PublicStatisticsView,
  ReportingService,
} from '@app/reporting';
import { Public, Roles } from '../access/access.decorators';
import { sendCacheable } from '../http/http-cache';

/** Public statistics of the opportunity list, and its directory of published batches and agencies. */
@ApiTags('public')
@Controller('public')
export class PublicReportingController {
  constructor(private readonly reporting: ReportingService) {}

  @Get('statistics')
  @Public()
  @ApiOkResponse({ type: PublicStatisticsView })
  @ApiNotModifiedResponse({ description: 'If-None-Match matched the ETag' })
  async statistics(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    sendCacheable(request, reply, await this.reporting.publicStatistics());
  }

  @Get('batches')
  @Public()
  @ApiOkResponse({ type: [PublicBatchView] })
  @ApiNotModifiedResponse({ description: 'If-None-Match matched the ETag' })
  async batches(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    sendCacheable(request, reply, await this.reporting.publicBatches());
  }

  @Get('agencies')
  @Public()
  @ApiOkResponse({ type: [PublicAgencyView] })
  @ApiNotModifiedResponse({ description: 'If-None-Match matched the ETag' })
  async agencies(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    sendCacheable(request, reply, await this.reporting.publicAgencies());
  }
}

/** The enablement centre's funnel from publication to demonstration (counts only). */
@ApiTags('reporting')
@Controller('admin')
export class AdminReportingController {
  constructor(private readonly reporting: ReportingService) {}

  @Get('funnel')
  @Roles('staff', 'platform_admin')
  @ApiOkResponse({ type: FunnelView })
  funnel(@Query() query: FunnelQuery): Promise<FunnelView> {
    return this.reporting.funnel(query);
  }
}
