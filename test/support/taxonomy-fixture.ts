import { withDataSource } from '../../libs/database/src/migrator';
import { upsertTaxonomy } from '../../libs/taxonomy/src/taxonomy';

export async function loadTaxonomyInto(url: string): Promise<number> {
  return withDataSource(url, (ds) => upsertTaxonomy(ds));
}
