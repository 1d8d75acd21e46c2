import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, loadConfig } from '@app/config';
import { armShutdownDeadline } from '@app/common';
import { WorkerRootModule } from './worker-root.module';

/** Beyond the jobs' grace period: stopping the relay, closing Redis and Postgres connections. */
const SHUTDOWN_OVERHEAD_MS = 10_000;

async function bootstrap(): Promise<void> {
  loadConfig(process.env); // fails fast, listing every problem, before anything connects
  const app = await NestFactory.createApplicationContext(WorkerRootModule, { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.enableShutdownHooks();
  const config = app.get(AppConfig);
  armShutdownDeadline(config.SHUTDOWN_GRACE_MS + SHUTDOWN_OVERHEAD_MS, (signal) =>
    logger.error(`Graceful shutdown on ${signal} did not finish in time; exiting`, 'Bootstrap'),
  );
  logger.log(
    `Worker started: concurrency ${config.WORKER_CONCURRENCY}, outbox poll ${config.OUTBOX_POLL_MS} ms, ` +
      `batch ${config.OUTBOX_BATCH_SIZE}, shutdown grace ${config.SHUTDOWN_GRACE_MS} ms`,
    'Bootstrap',
  );
}

bootstrap().catch((error: unknown) => {
  // Config errors list every problem; anything else is printed as it is. Either way: do not start.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
