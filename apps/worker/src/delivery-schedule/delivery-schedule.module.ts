import { Module } from '@nestjs/common';
import { DeliveryModule } from '@app/delivery';
import { DeliveryScheduleProcessor } from './delivery-schedule.processor';

/** The delivery-schedule queue's consumer. */
@Module({
  imports: [DeliveryModule],
  providers: [DeliveryScheduleProcessor],
})
export class DeliveryScheduleModule {}
