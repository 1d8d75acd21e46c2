import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';

/** `?flag=true|false` → boolean; anything else is left for `isBoolean` to refuse. */
const queryBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ImportVendorsQuery {
  @ApiPropertyOptional({ description: 'Validate only: nothing is stored (200 with what would be created)' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  dryRun?: boolean;
}

export class ImportScenariosQuery extends ImportVendorsQuery {
  @ApiPropertyOptional({
    description: 'Submit, approve and publish the imported scenarios as a batch of their own (rows must be complete)',
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  publish?: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The verified agency the scenarios belong to (rows may name another in the `agency` column)',
  })
  @IsOptional()
  @IsUUID()
  agencyOrganisationId?: string;
}
