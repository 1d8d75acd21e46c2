import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '@app/config';

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Request id: the caller's `x-request-id` when it looks sane, else a new UUID. */
export function requestIdFor(req: IncomingMessage & { id?: string }): string {
  if (req.id) return req.id;
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  req.id = id;
  return id;
}

export interface AppLogger {
  logger: Logger;
  /** Writes out whatever is still buffered; call it last on shutdown. */
  flushSync(): void;
}

/**
 * The process's JSON logger. Writes are asynchronous (a synchronous write per line cost more than
 * the rest of a simple request): one write is in flight at a time and lines queue behind it, so
 * they batch under load and go out at once when it is quiet. A stopping process must flush:
 * Nest re-raises SIGTERM after its shutdown hooks, so no exit handler would run.
 */
export function createAppLogger(config: AppConfig, service: string, stream?: pino.DestinationStream): AppLogger {
  if (stream) return { logger: pino({ level: config.LOG_LEVEL, base: { service } }, stream), flushSync: () => {} };
  const destination = pino.destination({ sync: config.NODE_ENV === 'test', minLength: 0 });
  return {
    logger: pino({ level: config.LOG_LEVEL, base: { service } }, destination),
    flushSync: () => {
      try {
        destination.flushSync();
      } catch {
        // Nothing buffered, or stdout already closed: nothing more can be written anyway.
      }
    },
  };
}

/** Flushes the log buffer when the application shuts down (the root module's hooks run last). */
export class LogFlusher implements OnApplicationShutdown {
  constructor(private readonly appLogger: AppLogger) {}

  onApplicationShutdown(signal?: string): void {
    this.appLogger.logger.info({ signal }, 'shutdown complete');
    this.appLogger.flushSync();
  }
}

/**
 * nestjs-pino as Nest's logger, on our logger instance. No per-request middleware (`forRoutes: []`):
 * pino-http's child logger per request plus AsyncLocalStorage on every request cost about a third
 * of the API's throughput. Request lines come from `registerAccessLog` instead, and code that
 * logs about a request passes its request id explicitly (RequestContext carries it).
 */
export function nestLoggerParams(logger: Logger): Params {
  return { pinoHttp: { logger }, forRoutes: [] };
}

/** A read slower than this is logged at info like a write. */
export const SLOW_REQUEST_MS = 1000;

/**
 * One JSON line per request: id, method, route, status, duration, client. Never headers, so no
 * token or cookie can leak into logs. Writes are logged at info, client errors at warn, server
 * errors at error; successful fast reads at debug (a line per read cost ~5% of throughput, and an
 * ingress usually keeps access logs). Probes and metrics scrapes are not logged.
 */
export function registerAccessLog(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const url = request.url;
    const status = reply.statusCode;
    const read = request.method === 'GET' || request.method === 'HEAD';
    const level =
      status >= 500 ? 'error' : status >= 400 ? 'warn' : read && reply.elapsedTime < SLOW_REQUEST_MS ? 'debug' : 'info';
    if (logger.isLevelEnabled(level) && !url.startsWith('/health') && !url.startsWith('/metrics')) {
      logger[level](
        {
          reqId: request.id,
          method: request.method,
          url,
          route: request.routeOptions.url,
          statusCode: status,
          responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
          remoteAddress: request.ip,
        },
        'request completed',
      );
    }
    done();
  });
}
