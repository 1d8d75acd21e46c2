import { ApiProperty } from '@nestjs/swagger';
import { SavedSearchFiltersDto, type SavedSearchFilters } from './saved-search.dto';

export interface SavedSearchRow {
  id: string;
  name: string;
  filters: SavedSearchFilters;
  created_at: Date;
}

export class SavedSearchView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: SavedSearchFiltersDto }) filters: SavedSearchFilters;
  @ApiProperty({ description: 'The same filters as a query string for `GET /api/v1/public/scenarios`' })
  listQuery: string;
  @ApiProperty() createdAt: string;

  static of(row: SavedSearchRow): SavedSearchView {
    return {
      id: row.id,
      name: row.name,
      filters: row.filters,
      listQuery: listQueryOf(row.filters),
      createdAt: row.created_at.toISOString(),
    };
  }
}

export class SavedSearchListView {
  @ApiProperty({ type: [SavedSearchView], description: 'Newest first' }) items: SavedSearchView[];
  @ApiProperty({ description: 'How many one user may keep (SAVED_SEARCHES_PER_USER_MAX)' }) max: number;
}

/** The filters as the public list's query string (lists comma-separated). */
export function listQueryOf(filters: SavedSearchFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null) continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return params.toString();
}
