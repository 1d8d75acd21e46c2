import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../access/access.decorators';
import { NotThrottled } from '../skip-throttle';
import { OpsMetrics } from './ops-metrics';

/**
 * Prometheus scrape endpoint, outside the /api/v1 prefix. It is public at the application level and
 * meant for the internal network only: do not route /metrics through the public ingress/reverse proxy.
 */
@ApiTags('operations')
@Controller('metrics')
@Public()
@NotThrottled()
export class MetricsController {
  constructor(private readonly metrics: OpsMetrics) {}

  @Get()
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Prometheus metrics (internal network only).',
    description:
      'Process metrics, http_request_duration_seconds, queue_jobs, outbox_unsent_events and outbox_lag_seconds. ' +
      'Not protected by a token: expose it only on the internal network, never through the public ingress.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4.', schema: { type: 'string' } })
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const body = await this.metrics.scrape();
    void reply.header('content-type', this.metrics.contentType);
    return body;
  }
}
