import { Controller } from '@nestjs/common';

@Controller('audit')
export class AuditController {}
