import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditRecordEntity } from './audit-record.entity';
import { AuditService } from './audit.service';
import { AuditQuery } from './audit-query';
import { AuditVerifier } from './audit-verifier';

@Module({
  imports: [TypeOrmModule.forFeature([AuditRecordEntity])],
  providers: [AuditService, AuditQuery, AuditVerifier],
  exports: [AuditService, AuditQuery, AuditVerifier],
})
export class AuditModule {}
