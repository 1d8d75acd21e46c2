import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, type FieldViolation, ValidationFailedError } from '@app/common';
import { AppConfig } from '@app/config';
import { poolQuery } from '@app/database';
import { IdentityError } from '@app/identity';
import { PUBLIC_SCENARIO_LIST, type PublicScenarioQuery } from '@app/scenarios';
import { buildTsquery, PublicListEngine, type RunSql } from '@app/search';
import { NotificationSettingsError } from '../preferences/notification-settings.errors';
import { type CreateSavedSearchDto, SAVED_SEARCH_FILTER_FIELDS, type SavedSearchFilters } from './saved-search.dto';
import { type SavedSearchListView, type SavedSearchRow, SavedSearchView } from './saved-search.views';

/** A saved search that matched a scenario: its owner, which search and its name (one per user). */
export interface SavedSearchMatch {
  userId: string;
  savedSearchId: string;
  savedSearchName: string;
}

type MatchQuery = PublicScenarioQuery & { scenarioId?: string };

/** How many saved searches are checked against a scenario at once (each is one indexed query). */
const MATCH_CONCURRENCY = 4;

const present = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/** Only the fields a saved search keeps, those given (lists de-duplicated and sorted: one canonical form). */
export function normaliseFilters(filters: SavedSearchFilters): SavedSearchFilters {
  const out: Record<string, unknown> = {};
  for (const key of SAVED_SEARCH_FILTER_FIELDS) {
    const value = filters[key];
    if (!present(value)) continue;
    out[key] = Array.isArray(value) ? [...new Set(value)].sort() : value;
  }
  return out as SavedSearchFilters;
}

/** Rules across the filters: at least one, and a budget range that is a range. */
export function savedSearchViolations(filters: SavedSearchFilters): FieldViolation[] {
  if (Object.keys(filters).length === 0) return [{ field: 'filters', rule: 'savedSearchFiltersEmpty' }];
  if (filters.budgetMin !== undefined && filters.budgetMax !== undefined && filters.budgetMin > filters.budgetMax)
    return [{ field: 'filters.budgetMin', rule: 'savedSearchBudgetRange' }];
  return [];
}

/**
 * Saved searches (订阅): a user keeps some of the opportunity list's filter sets (at most
 * SAVED_SEARCHES_PER_USER_MAX); when a scenario is published, the notifications pipeline asks which
 * users have a saved search it matches. Matching runs the public list's own SQL (the list engine on
 * the list's definition, plus one condition on the scenario's id), so an alert and the list never
 * disagree about what a filter means.
 */
@Injectable()
export class SavedSearchService {
  private readonly sql: RunSql;
  private readonly engine: PublicListEngine<MatchQuery, string, string, { id: string }>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    this.sql = poolQuery(dataSource);
    this.engine = new PublicListEngine<MatchQuery, string, string, { id: string }>(
      {
        ...PUBLIC_SCENARIO_LIST,
        filters: [...PUBLIC_SCENARIO_LIST.filters, { field: 'scenarioId', where: (v) => `s.id = ${v}::uuid` }],
      },
      this.sql,
      0, // never cached: each question is asked once, about a scenario just published
    );
  }

  async list(actor: Actor): Promise<SavedSearchListView> {
    const rows = (await this.sql(
      `SELECT id, name, filters, created_at FROM saved_search WHERE user_id = $1 ORDER BY created_at DESC, id DESC`,
      [actor.userId],
    )) as SavedSearchRow[];
    return { items: rows.map((r) => SavedSearchView.of(r)), max: this.config.SAVED_SEARCHES_PER_USER_MAX };
  }

  /** Saves a filter set; 409 beyond the per-user limit (counted under a lock on the user, so races cannot pass it). */
  async create(actor: Actor, dto: CreateSavedSearchDto): Promise<SavedSearchView> {
    const filters = normaliseFilters(dto.filters);
    const violations = savedSearchViolations(filters);
    if (violations.length) throw new ValidationFailedError(violations);
    const max = this.config.SAVED_SEARCHES_PER_USER_MAX;
    return this.dataSource.transaction(async (em) => {
      const [user] = (await em.query(`SELECT id FROM app_user WHERE id = $1 AND status = 'active' FOR UPDATE`, [
        actor.userId,
      ])) as { id: string }[];
      if (!user) throw new IdentityError('IDENTITY_USER_NOT_FOUND');
      const [{ n }] = (await em.query(`SELECT count(*)::int AS n FROM saved_search WHERE user_id = $1`, [
        actor.userId,
      ])) as { n: number }[];
      if (n >= max) throw new NotificationSettingsError('SAVED_SEARCH_LIMIT_REACHED', { max });
      const [row] = (await em.query(
        `INSERT INTO saved_search (user_id, name, filters, domains, sector, districts, capability_codes)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING id, name, filters, created_at`,
        [
          actor.userId,
          dto.name,
          JSON.stringify(filters),
          filters.domain ?? [],
          filters.sector ?? null,
          filters.district ?? [],
          filters.capability ?? [],
        ],
      )) as SavedSearchRow[];
      return SavedSearchView.of(row);
    });
  }

  /** Deletes one of the caller's saved searches (anybody else's is not found). */
  async remove(actor: Actor, id: string): Promise<void> {
    const rows = (await this.sql(`DELETE FROM saved_search WHERE id = $1 AND user_id = $2 RETURNING id`, [
      id,
      actor.userId,
    ])) as { id: string }[];
    if (rows.length === 0) throw new NotificationSettingsError('SAVED_SEARCH_NOT_FOUND');
  }

  /** Users (distinct ids) with at least one saved search the public scenario matches. */
  async usersMatchingScenario(scenarioId: string): Promise<string[]> {
    return (await this.matchesForScenario(scenarioId)).map((m) => m.userId);
  }

  /**
   * Each active user with a saved search the scenario matches, with the first such search (oldest).
   * The structured filters (domain, sector, district, capability) first narrow the saved searches in
   * SQL; each remaining distinct filter set is then run through the public list's query restricted
   * to this scenario. A scenario that is not on the public list matches nothing.
   */
  async matchesForScenario(scenarioId: string): Promise<SavedSearchMatch[]> {
    const [s] = (await this.sql(
      `SELECT domain, sector, district, capability_codes FROM scenario s WHERE s.id = $1 AND ${PUBLIC_SCENARIO_LIST.visible}`,
      [scenarioId],
    )) as { domain: string; sector: string | null; district: string | null; capability_codes: string[] }[];
    if (!s) return [];
    const candidates = (await this.sql(
      `SELECT ss.id, ss.user_id, ss.name, ss.filters
         FROM saved_search ss JOIN app_user u ON u.id = ss.user_id AND u.status = 'active'
        WHERE (cardinality(ss.domains) = 0 OR $1 = ANY (ss.domains))
          AND (ss.sector IS NULL OR ss.sector = $2)
          AND (cardinality(ss.districts) = 0 OR $3 = ANY (ss.districts))
          AND (cardinality(ss.capability_codes) = 0 OR ss.capability_codes && $4::text[])
        ORDER BY ss.user_id, ss.created_at, ss.id`,
      [s.domain, s.sector, s.district, s.capability_codes],
    )) as { id: string; user_id: string; name: string; filters: SavedSearchFilters }[];
    const distinct = [...new Set(candidates.map((c) => JSON.stringify(c.filters)))];
    const matching = new Set<string>();
    for (let i = 0; i < distinct.length; i += MATCH_CONCURRENCY) {
      const batch = distinct.slice(i, i + MATCH_CONCURRENCY);
      const results = await Promise.all(
        batch.map((f) => this.matches(JSON.parse(f) as SavedSearchFilters, scenarioId)),
      );
      batch.forEach((f, j) => results[j] && matching.add(f));
    }
    const out = new Map<string, SavedSearchMatch>();
    for (const c of candidates) {
      if (out.has(c.user_id) || !matching.has(JSON.stringify(c.filters))) continue;
      out.set(c.user_id, { userId: c.user_id, savedSearchId: c.id, savedSearchName: c.name });
    }
    return [...out.values()];
  }

  /** Whether the public list with these filters (every keyword matching) shows this scenario. */
  private async matches(filters: SavedSearchFilters, scenarioId: string): Promise<boolean> {
    const query: MatchQuery = { ...filters, scenarioId };
    const tsquery = filters.q ? buildTsquery(filters.q, 'all') : null;
    const rows = await this.engine.page(query, tsquery, 'newest', null, 1);
    return rows.some((r) => r.id === scenarioId);
  }
}
