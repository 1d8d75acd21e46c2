import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@app/config';
import { registerHttpMetrics } from './metrics/http-metrics.hook';
import { OpsMetrics } from './metrics/ops-metrics';
import { mountOpenApi } from './openapi/openapi';
import { mountBullBoard } from './queues/bull-board';

/**
 * Mounts what is not a Nest controller: the HTTP metrics hook, OpenAPI docs and the Bull Board dashboard.
 * Called by createApiApp before app.init(), so the hook is in place before any route is registered.
 */
export async function setupOperations(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  registerHttpMetrics(app.getHttpAdapter().getInstance(), app.get(OpsMetrics));
  mountOpenApi(app, config);
  await mountBullBoard(app);
}
