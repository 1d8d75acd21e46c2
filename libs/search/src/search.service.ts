import { Injectable, type OnModuleInit } from '@nestjs/common';
import { analyzer, type QueryTerm, tokensForIndex, tokensForQuery } from './analyzer';
import { highlight, type HighlightOptions } from './highlight';
import { buildTsquery, buildTsvector, searchSql, type WeightedField } from './tsvector';

/** Injectable façade over the pure functions, for modules that prefer DI. */
@Injectable()
export class SearchService implements OnModuleInit {
  /** Load the dictionary at boot rather than on the first search request. */
  onModuleInit(): void {
    analyzer();
  }

  tokensForIndex(text: string | null | undefined): string[] {
    return tokensForIndex(text);
  }

  tokensForQuery(text: string | null | undefined): QueryTerm[] {
    return tokensForQuery(text);
  }

  buildTsvector(fields: readonly WeightedField[], firstParamIndex = 1): { sql: string; params: string[] } {
    return buildTsvector(fields, firstParamIndex);
  }

  buildTsquery(query: string | null | undefined): string | null {
    return buildTsquery(query);
  }

  searchSql(vectorColumn: string, queryParamIndex: number): { where: string; rank: string } {
    return searchSql(vectorColumn, queryParamIndex);
  }

  highlight(text: string | null | undefined, query: string, options: HighlightOptions): string {
    return highlight(text, query, options);
  }
}
