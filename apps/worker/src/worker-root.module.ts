import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ClockModule } from '@app/common';
import { AppConfig, AppConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';
import { workerLoggerParams } from './logger';
import { WorkerModule } from './worker.module';

/** The standalone worker process: the root modules the API also has, plus the workers. No HTTP. */
@Module({
  imports: [
    AppConfigModule,
    ClockModule,
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: workerLoggerParams }),
    DatabaseModule,
    QueueModule,
    WorkerModule,
  ],
})
export class WorkerRootModule {}
