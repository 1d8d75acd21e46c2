import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookEndpointService } from './webhook-endpoint.service';
import { WebhookQueue } from './webhook-queue';
import { WebhookSecretBox } from './webhook-secret-box';
import { WebhookTargets } from './webhook-targets';
import { WebhookEndpointEntity, WebhookDeliveryEntity } from './webhook.entity';
import { WebhookService } from './webhook.service';

const SERVICES = [
  WebhookService,
  WebhookEndpointService,
  WebhookDeliveryService,
  WebhookTargets,
  WebhookQueue,
  WebhookSecretBox,
];

/** The webhook channel: endpoints per organisation, signed deliveries with retries and a dead letter. */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookEndpointEntity, WebhookDeliveryEntity]), AuditModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class WebhooksModule {}
