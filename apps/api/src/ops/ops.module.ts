import { Module } from '@nestjs/common';

/** Health, metrics, OpenAPI and the queue dashboard. */
@Module({})
export class OpsModule {}
