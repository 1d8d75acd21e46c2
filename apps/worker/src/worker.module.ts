import { Module } from '@nestjs/common';

/** BullMQ processors and the outbox relay. Imported by the worker process, and by the API in all-in-one mode. */
@Module({})
export class WorkerModule {}
