import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ScenarioOptionalFieldsDto } from './scenario.dto';
import { trimString, MaxChars } from '@app/common';

const present = (_: object, v: unknown) => v !== undefined;

/**
 * What an amendment may change: the fields an agency fills in, validated as in the workspace, and
 * the title. The domain and the code never change once published (unknown fields are refused).
 */
export class AmendmentChangesDto extends ScenarioOptionalFieldsDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @ValidateIf(present)
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(100)
  title?: string;
}

export class AmendScenarioDto {
  @ApiProperty({ description: 'The scenario version this amendment is based on (optimistic concurrency)', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;

  @ApiProperty({ example: '根据答疑情况，补充数据资源说明并调整预算上限', maxLength: 2000 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(2000)
  reason: string;

  @ApiProperty({ type: AmendmentChangesDto, description: 'Only the fields that change' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AmendmentChangesDto)
  changes: AmendmentChangesDto;
}
