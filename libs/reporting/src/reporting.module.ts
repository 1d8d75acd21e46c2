import { Module } from '@nestjs/common';
import { ReportingService } from './reporting.service';

/**
 * Read models over the other contexts' tables (SQL only, no entities or tables of its own): public
 * statistics, the staff funnel and the public directory of batches and agencies.
 */
@Module({
  providers: [ReportingService],
  exports: [ReportingService],
})
export class ReportingModule {}
