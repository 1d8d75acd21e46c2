import 'reflect-metadata';
import { AppConfig } from '@app/config';
import { createApiApp } from './app.factory';

async function bootstrap(): Promise<void> {
  const role = process.env.PROCESS_ROLE ?? 'all';
  const app = await createApiApp({ withWorkers: role === 'all' });
  const config = app.get(AppConfig);
  await app.listen({ port: config.HTTP_PORT, host: config.HTTP_HOST });
}

bootstrap().catch((error: unknown) => {
  // Config errors list every problem; anything else is printed as it is. Either way: do not start.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
