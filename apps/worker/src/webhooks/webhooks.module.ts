import { Module } from '@nestjs/common';
import { WebhooksModule } from '@app/webhooks';
import { WebhooksProcessor } from './webhooks.processor';

/** The webhooks queue's consumer. */
@Module({
  imports: [WebhooksModule],
  providers: [WebhooksProcessor],
})
export class WebhooksWorkerModule {}
