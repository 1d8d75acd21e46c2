import type { Params } from 'nestjs-pino';
import type { AppConfig } from '@app/config';

/** JSON logs like the API's, minus the HTTP parts; every line says which process wrote it. */
export function workerLoggerParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.LOG_LEVEL,
      base: { service: 'scenario-exchange-worker', pid: process.pid },
    },
  };
}
