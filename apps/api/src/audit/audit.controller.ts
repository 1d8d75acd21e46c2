import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditQuery, AuditVerifier } from '@app/audit';
import { Roles } from '../access/access.decorators';
import { AuditRecordPageDto, AuditRecordsQueryDto, AuditVerifyReportDto } from './audit.dto';

/** The audit trail, for the enablement centre only: read by object or actor, and check its integrity. */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly query: AuditQuery,
    private readonly verifier: AuditVerifier,
  ) {}

  @Get('records')
  @Roles('staff', 'platform_admin')
  @ApiOperation({
    summary: 'Audit records by object and/or actor, newest first (keyset pages)',
    description: 'Records under an embargo not lifted yet (e.g. proposals before their opening) are left out.',
  })
  @ApiOkResponse({ type: AuditRecordPageDto })
  async records(@Query() q: AuditRecordsQueryDto): Promise<AuditRecordPageDto> {
    return AuditRecordPageDto.from(await this.query.find(q));
  }

  @Get('verify')
  @Roles('staff', 'platform_admin')
  @ApiOperation({ summary: 'Recompute the hash chain over the whole audit trail' })
  @ApiOkResponse({ type: AuditVerifyReportDto })
  async verify(): Promise<AuditVerifyReportDto> {
    return AuditVerifyReportDto.from(await this.verifier.verify());
  }
}
