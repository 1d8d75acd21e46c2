import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { IncomingMessage } from 'node:http';
import { AppConfig, loadConfig } from '@app/config';
import { ApiModule } from './api.module';
import { createAppLogger, registerAccessLog, requestIdFor } from './http/logger';
import { registerResponseHeaders } from './http/security-headers';
import { registerMultipart } from './http/multipart-upload';
import { setupOperations } from './ops/setup-operations';
import { mountWebApp } from './http/web-app';

export const API_PREFIX = 'api/v1';
/** Probes and metrics stay at the root, where orchestrators and Prometheus expect them. */
export const UNPREFIXED_PATHS = ['health/live', 'health/ready', 'metrics'];

export interface CreateApiAppOptions {
  withWorkers?: boolean;
  /** Buffer logs until the pino logger is up (false in tests that want silence). */
  bufferLogs?: boolean;
  /** Where JSON log lines go (stdout by default); tests pass a stream to read them. */
  logStream?: DestinationStream;
}

/** Builds the HTTP application exactly as production runs it; used by main.ts and by the tests. */
export async function createApiApp(options: CreateApiAppOptions = {}): Promise<NestFastifyApplication> {
  const bootConfig = loadConfig(process.env); // fails fast, before anything connects
  const appLogger = createAppLogger(bootConfig, 'scenario-exchange-api', options.logStream);
  const adapter = new FastifyAdapter({
    bodyLimit: bootConfig.BODY_LIMIT_BYTES,
    trustProxy: bootConfig.TRUST_PROXY,
    genReqId: (req: IncomingMessage) => requestIdFor(req as IncomingMessage & { id?: string }),
    requestIdHeader: false,
    // Strings in JSON bodies may be large; prototype poisoning is refused outright.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot({ withWorkers: !!options.withWorkers, appLogger }),
    adapter,
    {
      bufferLogs: options.bufferLogs ?? true,
    },
  );
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED_PATHS });
  app.enableCors({ origin: config.CORS_ORIGINS, credentials: true, maxAge: 600 });

  const fastify = app.getHttpAdapter().getInstance();
  registerResponseHeaders(fastify);
  registerAccessLog(fastify, appLogger.logger);
  await registerMultipart(fastify, config);
  await setupOperations(app, config);
  if (!(await mountWebApp(app, config.WEB_DIST_DIR)) && config.NODE_ENV === 'production') {
    app.get(Logger).warn(`No web front end at ${config.WEB_DIST_DIR} (run npm run build:web): serving the API only`);
  }
  return app;
}
