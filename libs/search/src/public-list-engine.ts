import { LRUCache } from 'lru-cache';
import { decodeCursor, encodeCursor, ValidationFailedError } from '@app/common';
import { buildTsquery, queryTermCount, searchSql, type TermMatch } from './tsvector';

/**
 * The engine behind every public list (the opportunity list, the capability list): one keyset page
 * of ids (incl. relevance order), facet counts that ignore their own filter, full-text search with
 * an any-word fallback, cursors, and a short-lived cache of pages and counts. A list is data — a
 * `PublicListDefinition` (table, visibility, card columns, filters, facets, sorts, search vector) —
 * so every list searches, filters and pages the same way. It runs on any `RunSql` (a pool query in
 * the services, a bare pg Pool in a benchmark's baseline).
 */
export type RunSql = (sql: string, params: unknown[]) => Promise<unknown>;

/** One row of a keyset page: the id and the sort key as text (for the cursor). */
export interface PageRow {
  id: string;
  sort_key: string;
}

/** The positional parameters of one statement; `add` returns the value's placeholder. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const TIMESTAMP = /^(infinity|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2})$/;
const INTEGER = /^-?\d{1,16}$/;
const RANK = /^\d+(\.\d+)?(e-?\d+)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** What a sort key from a cursor must look like, by the key's SQL type (it goes back in as a parameter). */
export const SORT_KEY_FORMATS = {
  /** A timestamptz as PostgreSQL prints it. */
  timestamptz: (key: string) => TIMESTAMP.test(key),
  bigint: (key: string) => INTEGER.test(key),
  int: (key: string) => INTEGER.test(key),
} as const;

/** A keyset order: the key expression, its direction (the id tie-breaker follows it) and the key's SQL type. */
export interface ListSort {
  key: string;
  desc: boolean;
  type: keyof typeof SORT_KEY_FORMATS;
}

/** Every list with a search vector can be ordered by relevance (ts_rank_cd), best first. */
export const RELEVANCE_SORT = 'relevance';
export type SortName<S extends string> = S | typeof RELEVANCE_SORT;

/** A filter on one query field. Only constants are interpolated into SQL; every value is a parameter. */
export interface ListFilter<Q> {
  /** The query field holding the value; absent (undefined, null, '' or an empty list) means no filter. */
  field: keyof Q & string;
  /** The condition, given the placeholder of the value's parameter. */
  where: (value: string) => string;
  /** The parameter made of the query value (default: the value itself). */
  param?: (value: unknown) => unknown;
}

/**
 * A facet: a filter whose values are counted. `value` is the SQL of what is counted — a scalar, or
 * (`multi`) an array whose elements each count.
 */
export interface ListFacet<Q> extends ListFilter<Q> {
  value: string;
  multi?: boolean;
}

export interface PublicListDefinition<Q, F extends string, S extends string> {
  /** FROM clause: the table with its alias, and any joins (constants only). */
  from: string;
  /** The row id (a uuid): the keyset tie-breaker and what a page returns. */
  id: string;
  /** Which rows are public at all; applied to every page, count and card read. */
  visible: string;
  /** The tsvector column searched and ranked (written by the analyzer, see `buildTsvector`). */
  searchVector: string;
  /** The columns of a list card (the first must be the id `AS id`). */
  cardColumns: string;
  /** The keyset orders besides relevance. */
  sorts: Record<S, ListSort>;
  /** The order when none is asked for and there is no keyword (and for `relevance` without one). */
  defaultSort: S;
  /** Filters that are not facets (always applied). */
  filters: readonly ListFilter<Q>[];
  /** Faceted filters, counted in this order. */
  facets: Record<F, ListFacet<Q>>;
}

export type FacetCounts<F extends string> = Record<F, Record<string, number>>;

/** What a list request adds to its filters: keywords, order, cursor and page size. */
export interface ListControls<S extends string> {
  q?: string;
  sort?: SortName<S>;
  cursor?: string;
  limit?: number;
}

export interface ListResult<C, F extends string, S extends string> {
  /** The page's cards in list order (a row that stopped being public since a cached page is left out). */
  cards: C[];
  nextCursor: string | null;
  facets: FacetCounts<F>;
  /** `any` when no row matched every keyword and the list shows rows matching some of them. */
  match: TermMatch;
  sort: SortName<S>;
}

interface Filters<F extends string> {
  base: string[];
  faceted: Partial<Record<F, string>>;
  rank: string | null;
}

const absent = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * A keyword search of several words that matched nothing falls back to rows matching some of the
 * words (the page says so): a person's wording rarely matches every word of the text.
 */
export function relaxableSearch(q: string | null | undefined, found: number, paging: boolean): boolean {
  return !paging && found === 0 && queryTermCount(q) > 1;
}

/**
 * Facet counts over 100,000 rows cost hundreds of milliseconds and relevance ranking of a common
 * word tens: far too much per request. Public list answers are already cacheable for 60 s
 * (Cache-Control), so each page's ids and each filter set's facet counts are kept: fresh for
 * `ttlSeconds`, then served while one background query refreshes them (stale-while-revalidate, so
 * no visitor waits for an expiry), and dropped after twice that. The cards themselves are always
 * read fresh. Concurrent misses for one key share one query. `ttlSeconds` 0 turns the cache off.
 */
export class PublicListEngine<Q extends object, F extends string, S extends string, C extends { id: string }> {
  private readonly entries: LRUCache<string, { value: object; freshUntil: number }> | null;
  private readonly inflight = new Map<string, Promise<object>>();
  private readonly ttlMs: number;
  private readonly facetNames: F[];

  constructor(
    private readonly definition: PublicListDefinition<Q, F, S>,
    protected readonly run: RunSql,
    ttlSeconds: number,
    maxEntries = 10_000,
  ) {
    this.facetNames = Object.keys(definition.facets) as F[];
    // Facet names become SQL identifiers and literals below.
    for (const name of this.facetNames) if (!NAME.test(name)) throw new Error(`Invalid facet name: ${name}`);
    if ((RELEVANCE_SORT as string) in definition.sorts) throw new Error('relevance is every list’s own sort');
    this.ttlMs = ttlSeconds * 1000;
    this.entries = ttlSeconds > 0 ? new LRUCache({ max: maxEntries, ttl: 2 * this.ttlMs }) : null;
  }

  /** The order of a request: the asked one, else relevance when searching, else the list's default. */
  sortOf(query: { q?: string; sort?: SortName<S> }): SortName<S> {
    const searching = queryTermCount(query.q) > 0;
    const sort = query.sort ?? (searching ? RELEVANCE_SORT : this.definition.defaultSort);
    return sort === RELEVANCE_SORT && !searching ? this.definition.defaultSort : sort;
  }

  /** Sort keys are typed by their sort; a key from a cursor must look like one. */
  validSortKey(sort: SortName<S>, key: string): boolean {
    if (sort === RELEVANCE_SORT) return RANK.test(key);
    const spec = this.definition.sorts[sort as S];
    return spec !== undefined && SORT_KEY_FORMATS[spec.type](key);
  }

  /**
   * A page of cards with the facet counts: strict keyword match first, then (first page only) the
   * any-word fallback; the cursor carries the sort, the last row's key and id, and the match.
   */
  async list(query: Q & ListControls<S>, defaultLimit = 20): Promise<ListResult<C, F, S>> {
    const sort = this.sortOf(query);
    const limit = query.limit ?? defaultLimit;
    const cursor = query.cursor ? this.decodeCursor(query.cursor, sort) : null;
    let match: TermMatch = cursor?.match ?? 'all';
    const after = cursor ? cursor.after : null;
    const search = (m: TermMatch) => {
      const tsquery = query.q ? buildTsquery(query.q, m) : null;
      return Promise.all([this.page(query, tsquery, sort, after, limit), this.facets(query, tsquery)]);
    };
    let [rows, facets] = await search(match);
    if (relaxableSearch(query.q, rows.length, cursor !== null)) {
      match = 'any';
      [rows, facets] = await search(match);
    }
    const page = rows.slice(0, limit);
    const byId = new Map((await this.cards(page.map((r) => r.id))).map((c) => [c.id, c]));
    const cards = page.flatMap((r) => byId.get(r.id) ?? []);
    const last = page[page.length - 1];
    return {
      cards,
      nextCursor: rows.length > limit && last ? encodeCursor([sort, last.sort_key, last.id, match]) : null,
      facets,
      match,
      sort,
    };
  }

  /** The ids of up to `max` rows matching the filters, in the list's order (for exports). */
  async matchingIds(query: Q & { q?: string; sort?: SortName<S> }, max: number): Promise<string[]> {
    const sort = this.sortOf(query);
    const ids = async (m: TermMatch) =>
      (await this.page(query, query.q ? buildTsquery(query.q, m) : null, sort, null, max - 1)).map((r) => r.id);
    const strict = await ids('all');
    return relaxableSearch(query.q, strict.length, false) ? ids('any') : strict;
  }

  /** Keyset page: `limit + 1` rows of (id, sort key as text) past the cursor. */
  async page(
    query: Q,
    tsquery: string | null,
    sort: SortName<S>,
    after: [string, string] | null,
    limit: number,
  ): Promise<PageRow[]> {
    const d = this.definition;
    const p = new SqlParams();
    const f = this.buildFilters(query, tsquery, p);
    // Relevance is by the rank of the search (sortOf asks for it only with keywords).
    const [key, desc, type] =
      sort === RELEVANCE_SORT
        ? [f.rank ?? '0', true, 'real']
        : [d.sorts[sort as S].key, d.sorts[sort as S].desc, d.sorts[sort as S].type];
    const where = [...f.base, ...Object.values<string>(f.faceted as Record<string, string>)];
    if (after) {
      where.push(`(${key}, ${d.id}) ${desc ? '<' : '>'} (${p.add(after[0])}::${type}, ${p.add(after[1])}::uuid)`);
    }
    const dir = desc ? 'DESC' : 'ASC';
    const sql = `SELECT ${d.id} AS id, (${key})::text AS sort_key FROM ${d.from}
      WHERE ${where.join('\n        AND ')}
      ORDER BY ${key} ${dir}, ${d.id} ${dir}
      LIMIT ${p.add(limit + 1)}`;
    return this.cached(
      ['page', this.filterKey(query), tsquery, sort, after, limit],
      async () => (await this.run(sql, p.values)) as PageRow[],
    );
  }

  /**
   * Standard faceting in one statement: the rows matching every non-facet filter, with a flag per
   * facet filter; each facet counts the rows that pass all the *other* facet filters.
   */
  async facets(query: Q, tsquery: string | null): Promise<FacetCounts<F>> {
    const d = this.definition;
    const p = new SqlParams();
    const f = this.buildFilters(query, tsquery, p);
    const names = this.facetNames;
    const others = (facet: F) =>
      names
        .filter((x) => x !== facet)
        .map((x) => `m_${x}`)
        .join(' AND ') || 'true';
    const counts = names.map((name) =>
      d.facets[name].multi
        ? `SELECT '${name}' AS facet, x AS value, count(*)::int AS count
        FROM base, unnest(v_${name}) AS x WHERE ${others(name)} GROUP BY x`
        : `SELECT '${name}' AS facet, v_${name} AS value, count(*)::int AS count
        FROM base WHERE ${others(name)} AND v_${name} IS NOT NULL GROUP BY v_${name}`,
    );
    const sql = `WITH base AS (
        SELECT ${names.map((name) => `${d.facets[name].value} AS v_${name}`).join(', ')},
          ${names.map((name) => `(${f.faceted[name] ?? 'true'}) AS m_${name}`).join(', ')}
        FROM ${d.from}
        WHERE ${f.base.join(' AND ')}
      )
      ${counts.join('\n      UNION ALL\n      ')}
      ORDER BY 1, 3 DESC, 2`;
    return this.cached(['facets', this.filterKey(query), tsquery], async () => {
      const rows = (await this.run(sql, p.values)) as { facet: F; value: string; count: number }[];
      const out: Record<string, Record<string, number>> = Object.fromEntries(names.map((n) => [n, {}]));
      for (const r of rows) out[r.facet][r.value] = r.count;
      return out as FacetCounts<F>;
    });
  }

  /**
   * The cards of a page, read fresh (never cached) and only while still public: a cached page may
   * name a row that left the list since.
   */
  async cards(ids: string[]): Promise<C[]> {
    if (ids.length === 0) return [];
    const d = this.definition;
    return (await this.run(`SELECT ${d.cardColumns} FROM ${d.from} WHERE ${d.id} = ANY ($1::uuid[]) AND ${d.visible}`, [
      ids,
    ])) as C[];
  }

  private buildFilters(query: Q, tsquery: string | null, p: SqlParams): Filters<F> {
    const d = this.definition;
    const q = query as Record<string, unknown>;
    const base = [d.visible];
    let rank: string | null = null;
    if (tsquery) {
      const search = searchSql(d.searchVector, Number(p.add(tsquery).slice(1)));
      base.push(search.where);
      rank = search.rank;
    }
    const condition = (filter: ListFilter<Q>, value: unknown) =>
      filter.where(p.add(filter.param ? filter.param(value) : value));
    for (const filter of d.filters) {
      const value = q[filter.field];
      if (!absent(value)) base.push(condition(filter, value));
    }
    const faceted: Partial<Record<F, string>> = {};
    for (const name of this.facetNames) {
      const value = q[d.facets[name].field];
      if (!absent(value)) faceted[name] = condition(d.facets[name], value);
    }
    return { base, faceted, rank };
  }

  /** The filters that shape the SQL, normalised (list order does not matter), as a cache key part. */
  private filterKey(query: Q): unknown[] {
    const q = query as Record<string, unknown>;
    const norm = (v: unknown) => (absent(v) ? null : Array.isArray(v) ? [...(v as string[])].sort() : v);
    return [
      ...this.definition.filters.map((f) => norm(q[f.field])),
      ...this.facetNames.map((n) => norm(q[this.definition.facets[n].field])),
    ];
  }

  private decodeCursor(cursor: string, sort: SortName<S>): { after: [string, string]; match: TermMatch } {
    const [cursorSort, key, id, match] = decodeCursor(cursor, 4);
    if (
      cursorSort !== sort ||
      typeof key !== 'string' ||
      typeof id !== 'string' ||
      !UUID.test(id) ||
      !this.validSortKey(sort, key) ||
      (match !== 'all' && match !== 'any')
    )
      throw new ValidationFailedError([{ field: 'cursor', rule: 'cursor' }]);
    return { after: [key, id], match };
  }

  private async cached<T extends object>(key: unknown[], load: () => Promise<T>): Promise<T> {
    if (!this.entries) return load();
    const k = JSON.stringify(key);
    const entry = this.entries.get(k);
    if (!entry) return (await this.refresh(k, load)) as T;
    // A failed background refresh keeps the entry until it expires; the next request tries again.
    if (Date.now() > entry.freshUntil) this.refresh(k, load).catch(() => undefined);
    return entry.value as T;
  }

  private refresh(k: string, load: () => Promise<object>): Promise<object> {
    let pending = this.inflight.get(k);
    if (!pending) {
      pending = load()
        .then((value) => {
          this.entries?.set(k, { value, freshUntil: Date.now() + this.ttlMs });
          return value;
        })
        .finally(() => this.inflight.delete(k));
      this.inflight.set(k, pending);
    }
    return pending;
  }
}
