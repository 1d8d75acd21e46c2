import { getQueueToken } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { QUEUES } from '@app/queue';

/**
 * The CLI runs without Redis: BatchService needs its scenario-schedule queue injected, but the CLI
 * only publishes batches now (never schedules them), so the queue it gets refuses any job.
 */
export const CLI_SCHEDULE_QUEUE = {
  name: QUEUES.scenarioSchedule,
  add(): Promise<never> {
    return Promise.reject(new Error('The CLI has no job queues: schedule batch publication through the API'));
  },
};

@Global()
@Module({
  providers: [{ provide: getQueueToken(QUEUES.scenarioSchedule), useValue: CLI_SCHEDULE_QUEUE }],
  exports: [getQueueToken(QUEUES.scenarioSchedule)],
})
export class CliQueuesModule {}
