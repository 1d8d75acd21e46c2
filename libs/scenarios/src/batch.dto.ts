import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsISO8601,
  IsOptional,
  IsUUID,
  Max,
  Min,
} from 'class-validator';

export class CreateBatchDto {
  @ApiProperty({ example: 2026, description: 'The batch gets the next number of this year' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

export class AddBatchScenariosDto {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: 200 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  scenarioIds: string[];
}

export class PublishBatchDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Publish at this future time (scheduled); without it the batch is published now',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  at?: string;
}
