import { ApiProperty, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsNotEmpty, IsObject, IsString, ValidateNested } from 'class-validator';
import { MaxChars, trimString } from '@app/common';
import { PublicScenarioQuery } from '@app/scenarios';

export const SAVED_SEARCH_NAME_MAX = 100;

/**
 * The opportunity list's filters (`GET /public/scenarios`), as saved: everything but paging, order and
 * the status group (an alert is about newly published scenarios, which are always open).
 */
export class SavedSearchFiltersDto extends OmitType(PublicScenarioQuery, [
  'cursor',
  'limit',
  'sort',
  'status',
] as const) {}

/** The filter fields a saved search keeps (in this order). */
export const SAVED_SEARCH_FILTER_FIELDS = [
  'q',
  'domain',
  'sector',
  'capability',
  'district',
  'budgetMin',
  'budgetMax',
  'trl',
  'deadlineFrom',
  'deadlineTo',
  'batch',
] as const satisfies readonly (keyof SavedSearchFiltersDto)[];

export type SavedSearchFilters = Pick<SavedSearchFiltersDto, (typeof SAVED_SEARCH_FILTER_FIELDS)[number]>;

export class CreateSavedSearchDto {
  @ApiProperty({ example: '湖州制造业视觉检测', maxLength: SAVED_SEARCH_NAME_MAX })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(SAVED_SEARCH_NAME_MAX)
  name: string;

  @ApiProperty({
    type: SavedSearchFiltersDto,
    description: 'The public list’s filters (at least one), e.g. `{ "q": "瑕疵检测", "domain": ["manufacturing"] }`',
  })
  @IsObject()
  @ValidateNested()
  @Type(() => SavedSearchFiltersDto)
  filters: SavedSearchFiltersDto;
}
