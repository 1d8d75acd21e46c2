import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { armShutdownDeadline } from '@app/common';
import { AppConfig } from '@app/config';
import { createApiApp } from './app.factory';

/** Beyond the jobs' grace period: stopping the relay, closing Redis and Postgres connections. */
const SHUTDOWN_OVERHEAD_MS = 10_000;

async function bootstrap(): Promise<void> {
  const role = process.env.PROCESS_ROLE ?? 'all';
  const app = await createApiApp({ withWorkers: role === 'all' });
  const config = app.get(AppConfig);
  armShutdownDeadline(config.SHUTDOWN_GRACE_MS + SHUTDOWN_OVERHEAD_MS, (signal) =>
    new Logger('Bootstrap').error(`Graceful shutdown on ${signal} did not finish in time; exiting`),
  );
  await app.listen({ port: config.HTTP_PORT, host: config.HTTP_HOST });
  new Logger('Bootstrap').log(
    `API listening on http://${config.HTTP_HOST}:${config.HTTP_PORT} (${role === 'all' ? 'with workers' : 'HTTP only'})`,
  );
}

bootstrap().catch((error: unknown) => {
  // Config errors list every problem; anything else is printed as it is. Either way: do not start.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
