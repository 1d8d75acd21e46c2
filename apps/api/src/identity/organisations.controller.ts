import { Controller } from '@nestjs/common';

@Controller('organisations')
export class OrganisationsController {}
