import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { TerminusModule } from '@nestjs/terminus';
import type { Queue } from 'bullmq';
import { ALL_QUEUES } from '@app/queue';
import { HealthController } from './health/health.controller';
import { ReadinessIndicators } from './health/readiness.indicators';
import { MetricsController } from './metrics/metrics.controller';
import { OPS_QUEUES, OpsMetrics } from './metrics/ops-metrics';

/**
 * Health (/health/live, /health/ready), metrics (/metrics), and what setupOperations mounts on top:
 * OpenAPI (/api/docs) and Bull Board (/admin/queues).
 */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), DiscoveryModule],
  controllers: [HealthController, MetricsController],
  providers: [
    ReadinessIndicators,
    OpsMetrics,
    {
      provide: OPS_QUEUES,
      inject: ALL_QUEUES.map((name) => getQueueToken(name)),
      useFactory: (...queues: Queue[]) => queues,
    },
  ],
  exports: [OpsMetrics],
})
export class OpsModule {}
