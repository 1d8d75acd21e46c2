import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { ScenariosModule } from '@app/scenarios';
import { VendorsModule } from '@app/vendors';
import { ImportService } from './import.service';

/** Imports of scenarios and vendor profiles (staff): validated row by row, written through the contexts' services. */
@Module({
  imports: [AuditModule, IdentityModule, ScenariosModule, VendorsModule],
  providers: [ImportService],
  exports: [ImportService],
})
export class ImportsModule {}
