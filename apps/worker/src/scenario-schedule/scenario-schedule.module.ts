import { Module } from '@nestjs/common';
import { ScenariosModule } from '@app/scenarios';
import { ScenarioScheduleProcessor } from './scenario-schedule.processor';

/** The scenario-schedule queue's consumer. */
@Module({
  imports: [ScenariosModule],
  providers: [ScenarioScheduleProcessor],
})
export class ScenarioScheduleModule {}
