import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { OutboxModule } from '@app/outbox';
import { ProposalsModule } from '@app/proposals';
import { DeliveredScenarios } from './delivered-scenarios';
import { PublicVendorService } from './public-vendors.service';
import { VendorProfileEntity } from './vendor-profile.entity';
import { VendorProfileService } from './vendor-profile.service';
import { VendorSearchIndexer } from './vendor-search';

/** The context's services: all of them are offered to the apps. */
const SERVICES = [VendorProfileService, PublicVendorService, VendorSearchIndexer];

@Module({
  imports: [TypeOrmModule.forFeature([VendorProfileEntity]), AuditModule, OutboxModule, ProposalsModule],
  providers: [...SERVICES, DeliveredScenarios],
  exports: SERVICES,
})
export class VendorsModule {}
