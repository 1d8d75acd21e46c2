import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import { Clock, ValidationFailedError } from '@app/common';
import { AppConfig } from '@app/config';
import { poolQuery } from '@app/database';
import { PROPOSAL_STATUSES, type ProposalStatus } from '@app/proposals';
import { PUBLIC_SCENARIO_STATUSES, type ScenarioStatus } from '@app/scenarios';
import { codesOf } from '@app/taxonomy';
import type { FunnelQuery } from './reporting.dto';
import { publicationPeriod } from './reporting-period';
import {
  type FunnelBreakdown,
  type FunnelView,
  type PublicAgencyView,
  type PublicBatchView,
  type PublicStatisticsView,
  type StatisticsCounts,
} from './reporting.views';

/** Awarded or later: the award stands (an upheld objection takes a scenario back to under_evaluation). */
export const AWARDED_OR_LATER: readonly ScenarioStatus[] = ['awarded', 'in_delivery', 'accepted', 'demonstration'];
export const ACCEPTED_OR_LATER: readonly ScenarioStatus[] = ['accepted', 'demonstration'];
/**
 * A proposal that was submitted and still stands, whatever happened next (re-confirmation, opening,
 * outcome): every status but a draft and a withdrawn one.
 */
export const SUBMITTED_OR_LATER: readonly ProposalStatus[] = PROPOSAL_STATUSES.filter(
  (s) => s !== 'draft' && s !== 'withdrawn',
);

type Sql = (sql: string, params: unknown[]) => Promise<unknown[]>;
type PublicAnswer = 'statistics' | 'batches' | 'agencies';

const zero = (): StatisticsCounts => ({ published: 0, awarded: 0, accepted: 0, demonstration: 0 });
const add = (into: StatisticsCounts, row: StatisticsCounts) => {
  into.published += row.published;
  into.awarded += row.awarded;
  into.accepted += row.accepted;
  into.demonstration += row.demonstration;
};
/** Days with one decimal; null stays null (no award in the group). */
const days = (value: number | null): number | null => (value === null ? null : Math.round(value * 10) / 10);

interface StatisticsRow extends StatisticsCounts {
  domain: string;
  district: string | null;
}

interface FunnelRow {
  g_domain: number;
  g_district: number;
  domain: string | null;
  district: string | null;
  published: number;
  with_proposals: number;
  awarded: number;
  accepted: number;
  demonstration: number;
  award_count: number;
  median_days: number | null;
  p90_days: number | null;
}

/**
 * Read models over the existing tables (no tables of its own): the public statistics of the
 * opportunity list, the staff funnel from publication to demonstration, and the public directory of
 * published batches and publishing agencies.
 *
 * Publication time is `scenario.published_at`: set by the one `publish` transition (approved →
 * published; a scenario is never published twice, and the audit record `scenario.publish` carries the
 * same time). The award decision is the current (not superseded) row of `award_decision`.
 */
@Injectable()
export class ReportingService {
  private readonly sql: Sql;
  /** The three public answers, each loaded once however many ask at once (null: no caching). */
  private readonly publicAnswers: LRUCache<PublicAnswer, object, () => Promise<object>> | null;

  constructor(
    dataSource: DataSource,
    config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.sql = poolQuery(dataSource);
    // Public answers are cacheable for 60 s anyway; keep them as long as the public list keeps its pages.
    const ttl = config.PUBLIC_LIST_CACHE_SECONDS * 1000;
    this.publicAnswers =
      ttl > 0 ? new LRUCache({ max: 3, ttl, fetchMethod: (_key, _stale, { context }) => context() }) : null;
  }

  private async cached<T extends object>(key: PublicAnswer, load: () => Promise<T>): Promise<T> {
    if (!this.publicAnswers) return load();
    return (await this.publicAnswers.fetch(key, { context: load })) as T;
  }

  /**
   * Public counts by domain and district. `published`: scenarios published at some point that are public
   * now (published or any later public status — cancelled ones left the public list and are not counted);
   * `awarded`: awarded, in delivery, accepted or demonstration; `accepted`: accepted or demonstration.
   */
  publicStatistics(): Promise<PublicStatisticsView> {
    return this.cached('statistics', () => this.loadStatistics());
  }

  /** Published batches of the opportunity list, newest first, with how many of their scenarios are public. */
  publicBatches(): Promise<PublicBatchView[]> {
    return this.cached('batches', () => this.loadBatches());
  }

  /** Agencies with at least one public scenario (their names are public on the list's exports too). */
  publicAgencies(): Promise<PublicAgencyView[]> {
    return this.cached('agencies', () => this.loadAgencies());
  }

  private async loadStatistics(): Promise<PublicStatisticsView> {
    const generatedAt = this.clock.now().toISOString();
    const rows = (await this.sql(
      `SELECT domain, district,
              count(*)::int AS published,
              count(*) FILTER (WHERE status = ANY ($2::text[]))::int AS awarded,
              count(*) FILTER (WHERE status = ANY ($3::text[]))::int AS accepted,
              count(*) FILTER (WHERE status = 'demonstration')::int AS demonstration
         FROM scenario
        WHERE status = ANY ($1::text[])
        GROUP BY domain, district`,
      [PUBLIC_SCENARIO_STATUSES, AWARDED_OR_LATER, ACCEPTED_OR_LATER],
    )) as StatisticsRow[];
    const totals = zero();
    const byDomain = new Map(codesOf('domain').map((code) => [code, zero()]));
    const byDistrict = new Map(codesOf('district').map((code) => [code, zero()]));
    for (const row of rows) {
      add(totals, row);
      const d = byDomain.get(row.domain);
      if (d) add(d, row);
      const di = row.district === null ? undefined : byDistrict.get(row.district);
      if (di) add(di, row);
    }
    return {
      generatedAt,
      totals,
      byDomain: [...byDomain].map(([domain, c]) => ({ domain, ...c })),
      byDistrict: [...byDistrict].map(([district, c]) => ({ district, ...c })),
    };
  }

  /**
   * The staff funnel over scenarios first published in the period (and of the domain/district asked):
   * published (ever, cancelled ones included) → with at least one submitted proposal → awarded →
   * accepted → demonstration, and the days from first publication to the current award decision.
   * Counts only: no proposal content is read, sealed or not.
   */
  async funnel(query: FunnelQuery): Promise<FunnelView> {
    const period = publicationPeriod(query.from, query.to);
    if (Array.isArray(period)) throw new ValidationFailedError(period);
    const generatedAt = this.clock.now().toISOString();
    const rows = (await this.sql(
      `WITH base AS (
         SELECT s.domain, s.district, s.status,
                EXISTS (SELECT 1 FROM proposal p
                         WHERE p.scenario_id = s.id AND p.status = ANY ($6::text[])) AS with_proposals,
                (SELECT extract(epoch FROM d.decided_at - s.published_at) / 86400
                   FROM award_decision d
                  WHERE d.scenario_id = s.id AND d.superseded_at IS NULL AND d.outcome = 'award')::float8
                  AS days_to_award
           FROM scenario s
          WHERE s.published_at IS NOT NULL
            AND ($1::text IS NULL OR s.domain = $1)
            AND ($2::text IS NULL OR s.district = $2)
            AND ($3::timestamptz IS NULL OR s.published_at >= $3)
            AND ($4::timestamptz IS NULL OR s.published_at < $4 OR ($5::boolean AND s.published_at = $4))
       )
       SELECT GROUPING(domain)::int AS g_domain, GROUPING(district)::int AS g_district, domain, district,
              count(*)::int AS published,
              count(*) FILTER (WHERE with_proposals)::int AS with_proposals,
              count(*) FILTER (WHERE status = ANY ($7::text[]))::int AS awarded,
              count(*) FILTER (WHERE status = ANY ($8::text[]))::int AS accepted,
              count(*) FILTER (WHERE status = 'demonstration')::int AS demonstration,
              count(days_to_award)::int AS award_count,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_award) AS median_days,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY days_to_award) AS p90_days
         FROM base
        GROUP BY GROUPING SETS ((), (domain), (district))`,
      [
        query.domain ?? null,
        query.district ?? null,
        period.start,
        period.end,
        period.endInclusive,
        SUBMITTED_OR_LATER,
        AWARDED_OR_LATER,
        ACCEPTED_OR_LATER,
      ],
    )) as FunnelRow[];

    const breakdown = (r: FunnelRow | undefined): FunnelBreakdown => ({
      published: r?.published ?? 0,
      withProposals: r?.with_proposals ?? 0,
      awarded: r?.awarded ?? 0,
      accepted: r?.accepted ?? 0,
      demonstration: r?.demonstration ?? 0,
      medianDaysToAward: days(r?.median_days ?? null),
    });
    // GROUPING() is 1 for a column rolled up in that row: the grand total rolls up both.
    const total = rows.find((r) => r.g_domain === 1 && r.g_district === 1);
    const domainRows = new Map(rows.filter((r) => r.g_domain === 0).map((r) => [r.domain, r]));
    const districtRows = new Map(rows.filter((r) => r.g_district === 0).map((r) => [r.district, r]));
    const t = breakdown(total);
    return {
      generatedAt,
      stages: [
        { stage: 'published', count: t.published },
        { stage: 'with_proposals', count: t.withProposals },
        { stage: 'awarded', count: t.awarded },
        { stage: 'accepted', count: t.accepted },
        { stage: 'demonstration', count: t.demonstration },
      ],
      timeToAward: {
        count: total?.award_count ?? 0,
        medianDays: days(total?.median_days ?? null),
        p90Days: days(total?.p90_days ?? null),
      },
      byDomain: codesOf('domain').map((domain) => ({ domain, ...breakdown(domainRows.get(domain)) })),
      byDistrict: codesOf('district').map((district) => ({ district, ...breakdown(districtRows.get(district)) })),
    };
  }

  private async loadBatches(): Promise<PublicBatchView[]> {
    const rows = (await this.sql(
      `SELECT b.id, b.year, b.number, b.title, b.published_at,
              (SELECT count(*)::int FROM scenario s WHERE s.batch_id = b.id AND s.status = ANY ($1::text[]))
                AS scenario_count
         FROM scenario_batch b
        WHERE b.status = 'published'
        ORDER BY b.published_at DESC, b.year DESC, b.number DESC`,
      [PUBLIC_SCENARIO_STATUSES],
    )) as { id: string; year: number; number: number; title: string; published_at: Date; scenario_count: number }[];
    return rows.map((r) => ({
      id: r.id,
      year: r.year,
      number: r.number,
      title: r.title,
      publishedAt: r.published_at.toISOString(),
      scenarioCount: r.scenario_count,
    }));
  }

  private async loadAgencies(): Promise<PublicAgencyView[]> {
    const rows = (await this.sql(
      `SELECT o.id, o.name_zh, o.name_en, count(*)::int AS scenario_count
         FROM scenario s
         JOIN organisation o ON o.id = s.agency_organisation_id
        WHERE s.status = ANY ($1::text[])
        GROUP BY o.id, o.name_zh, o.name_en
        ORDER BY scenario_count DESC, o.name_zh, o.id`,
      [PUBLIC_SCENARIO_STATUSES],
    )) as { id: string; name_zh: string; name_en: string | null; scenario_count: number }[];
    return rows.map((r) => ({ id: r.id, nameZh: r.name_zh, nameEn: r.name_en, scenarioCount: r.scenario_count }));
  }
}
