import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { QueueLifecycle } from './queue-lifecycle';
import { ALL_QUEUES, DEFAULT_JOB_OPTIONS } from './queues';
import { redisOptionsFromUrl } from './redis-options';

/** BullMQ connection (Redis URL and key prefix from config) and every queue, registered once. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: { ...redisOptionsFromUrl(config.REDIS_URL), maxRetriesPerRequest: null },
        prefix: config.REDIS_PREFIX,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  providers: [QueueLifecycle],
  exports: [BullModule],
})
export class QueueModule {}
