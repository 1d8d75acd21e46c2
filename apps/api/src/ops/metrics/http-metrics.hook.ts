import type { FastifyInstance } from 'fastify';
import type { OpsMetrics } from './ops-metrics';

/**
 * Times every request (Nest routes, docs, Bull Board, 404s) with a Fastify onResponse hook. Labels use
 * the matched route pattern (`/api/v1/users/:id`), never the raw URL. Register it before the routes.
 */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: OpsMetrics): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.observeHttp(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime);
    done();
  });
}
