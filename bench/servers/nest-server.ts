/** The real API exactly as production builds it (guards, pipes, logging, metrics, Redis-backed rate limits). */
import 'reflect-metadata';
import { createApiApp } from '../../apps/api/src/app.factory';

async function main(): Promise<void> {
  const app = await createApiApp({ withWorkers: false });
  await app.listen({ port: Number(process.env.BENCH_PORT), host: '127.0.0.1' });
  process.send?.('ready');
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
