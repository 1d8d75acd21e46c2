import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino from 'pino';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '@app/config';

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Request id: the caller's `x-request-id` when it looks sane, else a new UUID. Fastify and pino share it. */
export function requestIdFor(req: IncomingMessage & { id?: string }): string {
  if (req.id) return req.id;
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  req.id = id;
  return id;
}

/**
 * JSON logs, one line per request with its id. Request lines carry what an operator needs (id,
 * method, URL, client, status, time) and never headers, so no secret can leak into them. Lines are
 * buffered and written asynchronously (flushed on exit): synchronous writes per request cost more
 * than the rest of a simple request.
 */
export function loggerParams(config: AppConfig): Params {
  const destination =
    config.NODE_ENV === 'test' ? pino.destination({ sync: true }) : pino.destination({ sync: false, minLength: 4096 });
  return {
    pinoHttp: [
      {
        level: config.LOG_LEVEL,
        genReqId: (req) => requestIdFor(req as IncomingMessage & { id?: string }),
        autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
        base: { service: 'scenario-exchange-api' },
        serializers: {
          req: (req: IncomingMessage & { id?: string; raw?: IncomingMessage }) => ({
            id: req.id,
            method: req.method,
            url: req.url,
            remoteAddress: req.socket?.remoteAddress ?? req.raw?.socket?.remoteAddress,
          }),
          res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
        },
        quietReqLogger: true,
      },
      destination,
    ],
  };
}
