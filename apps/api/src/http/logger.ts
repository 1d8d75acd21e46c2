import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
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

/** JSON logs, one line per request with its id; secrets redacted; probes and metrics not logged. */
export function loggerParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.LOG_LEVEL,
      genReqId: (req) => requestIdFor(req as IncomingMessage & { id?: string }),
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
      customProps: () => ({ service: 'scenario-exchange-api' }),
    },
  };
}
