export * from './webhook.service';
export * from './webhooks.module';
