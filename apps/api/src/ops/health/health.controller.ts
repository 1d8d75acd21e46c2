import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '../../access/access.decorators';
import { NotThrottled } from '../skip-throttle';
import { ReadinessIndicators } from './readiness.indicators';

/** Orchestrator probes, outside the /api/v1 prefix. */
@ApiTags('operations')
@Controller('health')
@Public()
@NotThrottled()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: ReadinessIndicators,
  ) {}

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process is up and serving HTTP (checks no dependency).' })
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: PostgreSQL and Redis answer and every migration is applied; 503 with details otherwise.',
  })
  async ready(@Res() reply: FastifyReply): Promise<void> {
    let status = 200;
    let body: unknown;
    try {
      body = await this.health.check([
        () => this.readiness.database(),
        () => this.readiness.redis(),
        () => this.readiness.migrations(),
      ]);
    } catch (error) {
      // Terminus reports "down" as a 503 exception; answer it here, in Terminus' shape, rather than
      // letting the global filter turn a 5xx into INTERNAL_ERROR.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      status = 503;
      body = error.getResponse();
    }
    void reply.status(status).header('cache-control', 'no-cache, no-store, must-revalidate').send(body);
  }
}
