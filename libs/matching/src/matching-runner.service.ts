import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, systemContext } from '@app/common';
import { AppConfig } from '@app/config';
import { OutboxService } from '@app/outbox';
import { ScenarioEntity } from '@app/scenarios';
import { analyseVendor, type CorpusStats, SCORING_VERSION, type ScenarioDoc, type VendorDoc } from './engine';
import {
  bulkIndexVendors,
  candidateQuery,
  currentStats,
  eligibleVendors,
  removeScenarioPostings,
  removeVendorDoc,
  replaceCorpusStats,
  scenarioCandidates,
  statsOf,
  upsertScenarioDoc,
  upsertVendorDoc,
  vendorCandidates,
} from './match-index';
import type { MatchTrigger } from './matching-jobs';
import { ScoringPool } from './scoring/scoring-pool';
import type { ScoredPair } from './scoring/scoring-task';

export interface ScenarioMatchOutcome {
  scenarioId: string;
  status: 'matched' | 'not_open' | 'not_found';
  candidates: number;
  scored: number;
  stored: number;
  notified: number;
}

export interface VendorMatchOutcome {
  organisationId: string;
  status: 'matched' | 'not_eligible';
  candidates: number;
  scored: number;
  stored: number;
}

/** Best first; ties by id, so reruns give the same order. */
const byScore = (a: ScoredPair, b: ScoredPair, key: 'organisationId' | 'scenarioId') =>
  b.result.score - a.result.score || (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0);

const lockKey = (kind: string, id: string) => `matching:${kind}:${id}`;

/**
 * The matching jobs' work (the worker's processor calls it; tests may too). Documents and postings are
 * refreshed, candidates generated in PostgreSQL, scored exactly (inline; in worker threads for large
 * batches), and the best kept in match_score. Idempotent: a rerun on unchanged data writes the same rows.
 */
@Injectable()
export class MatchingRunner {
  private readonly logger = new Logger(MatchingRunner.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly pool: ScoringPool,
    private readonly outbox: OutboxService,
  ) {}

  /** Matches a scenario against all eligible vendors; announces vendors above the threshold (not nightly). */
  async matchScenario(scenarioId: string, trigger: MatchTrigger): Promise<ScenarioMatchOutcome> {
    const now = this.clock.now();
    const outcome: ScenarioMatchOutcome = {
      scenarioId,
      status: 'matched',
      candidates: 0,
      scored: 0,
      stored: 0,
      notified: 0,
    };
    const scenario = await this.dataSource.getRepository(ScenarioEntity).findOne({ where: { id: scenarioId } });
    if (!scenario) return { ...outcome, status: 'not_found' };
    const { doc, stats, queryWeights } = await this.dataSource.transaction((tx) =>
      upsertScenarioDoc(tx, scenario, now),
    );
    if (scenario.status !== 'published') return { ...outcome, status: 'not_open' };
    const em = this.dataSource.manager;
    const candidates = await vendorCandidates(
      em,
      await candidateQuery(em, 'match_vendor_posting', queryWeights, stats),
      this.config.MATCH_CANDIDATES,
      doc, // budget and TRL order near-identical candidates
    );
    outcome.candidates = candidates.length;
    const existing = (await em.query(`SELECT vendor_organisation_id AS id FROM match_score WHERE scenario_id = $1`, [
      scenarioId,
    ])) as { id: string }[];
    const ids = [...new Set([...candidates.map((c) => c.id), ...existing.map((e) => e.id)])];
    const vendors = await this.vendorDocs(em, ids);
    const scored = await this.score(em, { scenarios: [doc], vendors }, (st) =>
      this.pool.score({ kind: 'scenario', scenario: doc, vendors, stats: st }),
    );
    outcome.scored = scored.length;
    scored.sort((a, b) => byScore(a, b, 'organisationId'));
    const top = scored.slice(0, this.config.MATCH_STORE_TOP_N);
    const topIds = top.map((p) => p.organisationId);
    const rest = scored.slice(this.config.MATCH_STORE_TOP_N);
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [lockKey('scenario', scenarioId)]);
      // Rows no longer among the scenario's best and not among their vendor's best; vendors not scored (ineligible).
      await tx.query(
        `DELETE FROM match_score WHERE scenario_id = $1 AND NOT (vendor_organisation_id = ANY($2::uuid[]))
           AND (NOT in_vendor_top OR NOT (vendor_organisation_id = ANY($3::uuid[])))`,
        [scenarioId, topIds, scored.map((p) => p.organisationId)],
      );
      await upsertScores(tx, top, { inScenarioTop: true }, now);
      await updateScores(tx, rest, { inScenarioTop: false }, now);
      outcome.stored = top.length;
      if (trigger !== 'nightly') {
        const matches = top
          .filter((p) => p.result.score >= this.config.MATCH_NOTIFY_THRESHOLD)
          .map((p) => ({ organisationId: p.organisationId, score: p.result.score }));
        outcome.notified = matches.length;
        await this.outbox.publish(tx, systemContext(`matching:${scenarioId}`), {
          type: 'matching.scenario_matched',
          aggregateType: 'scenario',
          aggregateId: scenarioId,
          payload: { scenarioId, scoringVersion: SCORING_VERSION, trigger, matches },
        });
      }
    });
    return outcome;
  }

  /** Matches a vendor against all open scenarios (its recommendations); an ineligible vendor's data goes. */
  async matchVendor(organisationId: string): Promise<VendorMatchOutcome> {
    const now = this.clock.now();
    const outcome: VendorMatchOutcome = { organisationId, status: 'matched', candidates: 0, scored: 0, stored: 0 };
    const [eligible] = await eligibleVendors(this.dataSource.manager, { ids: [organisationId], limit: 1 });
    if (!eligible) {
      await this.dataSource.transaction(async (tx) => {
        await removeVendorDoc(tx, organisationId);
        await tx.query(`DELETE FROM match_score WHERE vendor_organisation_id = $1`, [organisationId]);
      });
      return { ...outcome, status: 'not_eligible' };
    }
    const { doc, weights } = await this.dataSource.transaction((tx) =>
      upsertVendorDoc(tx, eligible.input, eligible.profileVersion, now),
    );
    const em = this.dataSource.manager;
    const candidates = await scenarioCandidates(
      em,
      await candidateQuery(em, 'match_scenario_posting', weights, null),
      this.config.MATCH_CANDIDATES,
    );
    outcome.candidates = candidates.length;
    const existing = (await em.query(
      `SELECT m.scenario_id AS id FROM match_score m JOIN scenario s ON s.id = m.scenario_id
        WHERE m.vendor_organisation_id = $1 AND s.status = 'published'`,
      [organisationId],
    )) as { id: string }[];
    const ids = [...new Set([...candidates.map((c) => c.id), ...existing.map((e) => e.id)])];
    const scenarios = await this.openScenarioDocs(em, ids);
    const scored = await this.score(em, { scenarios, vendors: [doc] }, (st) =>
      this.pool.score({ kind: 'vendor', vendor: doc, scenarios, stats: st }),
    );
    outcome.scored = scored.length;
    scored.sort((a, b) => byScore(a, b, 'scenarioId'));
    const top = scored.slice(0, this.config.MATCH_STORE_TOP_N);
    const rest = scored.slice(this.config.MATCH_STORE_TOP_N);
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [lockKey('vendor', organisationId)]);
      await tx.query(
        `DELETE FROM match_score WHERE vendor_organisation_id = $1 AND NOT (scenario_id = ANY($2::uuid[]))
           AND NOT in_scenario_top`,
        [organisationId, top.map((p) => p.scenarioId)],
      );
      await tx.query(
        `UPDATE match_score SET in_vendor_top = false
          WHERE vendor_organisation_id = $1 AND NOT (scenario_id = ANY($2::uuid[])) AND in_vendor_top`,
        [organisationId, top.map((p) => p.scenarioId)],
      );
      await upsertScores(tx, top, { inVendorTop: true }, now);
      await updateScores(tx, rest, { inVendorTop: false }, now);
      await this.enterScenarioTops(
        tx,
        organisationId,
        top.map((p) => p.scenarioId),
      );
      outcome.stored = top.length;
    });
    return outcome;
  }

  /**
   * The nightly rebuild: every eligible vendor re-analysed, corpus statistics recomputed from scratch,
   * all postings rewritten with them, ineligible vendors' data removed, open scenarios re-posted. Returns
   * what the per-subject jobs should then rematch.
   */
  async rebuildIndex(): Promise<{ scenarioIds: string[]; vendorIds: string[] }> {
    const now = this.clock.now();
    const em = this.dataSource.manager;
    const entries: { doc: VendorDoc; profileVersion: number; acceptedDeliveries: number }[] = [];
    let afterId: string | undefined;
    for (;;) {
      const page = await eligibleVendors(em, { afterId, limit: 1000 });
      if (!page.length) break;
      for (const v of page)
        entries.push({
          doc: analyseVendor(v.input),
          profileVersion: v.profileVersion,
          acceptedDeliveries: v.input.acceptedDeliveries,
        });
      afterId = page[page.length - 1].input.organisationId;
    }
    const stats = statsOf(entries.map((e) => e.doc));
    const vendorIds = entries.map((e) => e.doc.organisationId);
    await this.dataSource.transaction(async (tx) => {
      await replaceCorpusStats(tx, stats);
      const [gone] = (await tx.query(
        `DELETE FROM match_vendor_doc WHERE NOT (organisation_id = ANY($1::uuid[])) RETURNING organisation_id`,
        [vendorIds],
      )) as [{ organisation_id: string }[], number];
      const goneIds = gone.map((g) => g.organisation_id);
      if (goneIds.length) {
        await tx.query(`DELETE FROM match_vendor_posting WHERE organisation_id = ANY($1::uuid[])`, [goneIds]);
        await tx.query(`DELETE FROM match_score WHERE vendor_organisation_id = ANY($1::uuid[])`, [goneIds]);
      }
      for (let i = 0; i < entries.length; i += 500) await bulkIndexVendors(tx, entries.slice(i, i + 500), stats, now);
    });
    const open = await this.dataSource
      .getRepository(ScenarioEntity)
      .find({ where: { status: 'published' }, order: { id: 'ASC' } });
    for (const s of open) await this.dataSource.transaction((tx) => upsertScenarioDoc(tx, s, now));
    // Postings of scenarios that left publication while no job removed them.
    await em.query(
      `DELETE FROM match_scenario_posting p USING scenario s WHERE s.id = p.scenario_id AND s.status <> 'published'`,
    );
    this.logger.log(`Matching index rebuilt: ${entries.length} vendors, ${open.length} open scenarios`);
    return { scenarioIds: open.map((s) => s.id), vendorIds };
  }

  /**
   * A vendor newly scored against open scenarios enters a scenario's best N where it beats the N-th (or
   * there are fewer than N); whoever drops out of that N is unflagged, and deleted if nothing else keeps it.
   */
  private async enterScenarioTops(tx: EntityManager, organisationId: string, scenarioIds: string[]): Promise<void> {
    if (!scenarioIds.length) return;
    const n = this.config.MATCH_STORE_TOP_N;
    const sorted = [...scenarioIds].sort();
    await tx.query(
      `UPDATE match_score m SET in_scenario_top = true
        WHERE m.vendor_organisation_id = $1 AND m.scenario_id = ANY($2::uuid[]) AND NOT m.in_scenario_top
          AND ((SELECT count(*) FROM match_score x WHERE x.scenario_id = m.scenario_id AND x.in_scenario_top) < $3
               OR m.score > (SELECT min(x.score) FROM match_score x
                              WHERE x.scenario_id = m.scenario_id AND x.in_scenario_top))`,
      [organisationId, sorted, n],
    );
    await tx.query(
      `WITH r AS (
         SELECT scenario_id, vendor_organisation_id,
                row_number() OVER (PARTITION BY scenario_id ORDER BY score DESC, vendor_organisation_id) AS rn
           FROM match_score WHERE scenario_id = ANY($1::uuid[]) AND in_scenario_top
       ), gone AS (
         DELETE FROM match_score m USING r
          WHERE m.scenario_id = r.scenario_id AND m.vendor_organisation_id = r.vendor_organisation_id
            AND r.rn > $2 AND NOT m.in_vendor_top
       )
       UPDATE match_score m SET in_scenario_top = false FROM r
        WHERE m.scenario_id = r.scenario_id AND m.vendor_organisation_id = r.vendor_organisation_id
          AND r.rn > $2 AND m.in_vendor_top`,
      [sorted, n],
    );
  }

  /** A scenario left publication: it is no longer a candidate for vendors (its scores stay, for its owner). */
  async scenarioClosed(scenarioId: string): Promise<void> {
    await removeScenarioPostings(this.dataSource.manager, scenarioId);
  }

  private async vendorDocs(em: EntityManager, ids: string[]): Promise<VendorDoc[]> {
    if (!ids.length) return [];
    const rows = (await em.query(
      `SELECT doc FROM match_vendor_doc WHERE organisation_id = ANY($1::uuid[]) ORDER BY organisation_id`,
      [ids],
    )) as { doc: VendorDoc }[];
    return rows.map((r) => r.doc);
  }

  private async openScenarioDocs(em: EntityManager, ids: string[]): Promise<ScenarioDoc[]> {
    if (!ids.length) return [];
    const rows = (await em.query(
      `SELECT d.doc FROM match_scenario_doc d JOIN scenario s ON s.id = d.scenario_id
        WHERE d.scenario_id = ANY($1::uuid[]) AND s.status = 'published' ORDER BY d.scenario_id`,
      [ids],
    )) as { doc: ScenarioDoc }[];
    return rows.map((r) => r.doc);
  }

  /** Exact scoring with the full corpus statistics (cached per process, re-read only when the corpus changed). */
  private async score(
    em: EntityManager,
    docs: { scenarios: ScenarioDoc[]; vendors: VendorDoc[] },
    run: (stats: CorpusStats) => Promise<ScoredPair[]>,
  ): Promise<ScoredPair[]> {
    if (!docs.scenarios.length || !docs.vendors.length) return [];
    return run(await currentStats(em));
  }
}

async function upsertScores(
  em: EntityManager,
  pairs: ScoredPair[],
  flag: { inScenarioTop: true } | { inVendorTop: true },
  now: Date,
): Promise<void> {
  if (!pairs.length) return;
  const sorted = [...pairs].sort((a, b) =>
    a.scenarioId === b.scenarioId
      ? a.organisationId.localeCompare(b.organisationId)
      : a.scenarioId.localeCompare(b.scenarioId),
  );
  const scenarioTop = 'inScenarioTop' in flag;
  await em.query(
    `INSERT INTO match_score (scenario_id, vendor_organisation_id, score, components, matched_terms, scoring_version,
                              in_scenario_top, in_vendor_top, computed_at)
     SELECT s, v, sc, c, ARRAY(SELECT jsonb_array_elements_text(t)), $6, $7, $8, $9
       FROM unnest($1::uuid[], $2::uuid[], $3::real[], $4::jsonb[], $5::jsonb[]) AS x(s, v, sc, c, t)
     ON CONFLICT (scenario_id, vendor_organisation_id) DO UPDATE SET score = EXCLUDED.score,
       components = EXCLUDED.components, matched_terms = EXCLUDED.matched_terms,
       scoring_version = EXCLUDED.scoring_version, computed_at = EXCLUDED.computed_at,
       ${scenarioTop ? 'in_scenario_top = true' : 'in_vendor_top = true'}`,
    [
      sorted.map((p) => p.scenarioId),
      sorted.map((p) => p.organisationId),
      sorted.map((p) => p.result.score),
      sorted.map((p) => JSON.stringify(p.result.components)),
      sorted.map((p) => JSON.stringify(p.result.matchedTerms)),
      SCORING_VERSION,
      scenarioTop,
      !scenarioTop,
      now,
    ],
  );
}

/** Re-scores rows kept for the other direction (only if they exist); clears this direction's flag. */
async function updateScores(
  em: EntityManager,
  pairs: ScoredPair[],
  flag: { inScenarioTop: false } | { inVendorTop: false },
  now: Date,
): Promise<void> {
  if (!pairs.length) return;
  const scenarioTop = 'inScenarioTop' in flag;
  await em.query(
    `UPDATE match_score m SET score = x.sc, components = x.c,
            matched_terms = ARRAY(SELECT jsonb_array_elements_text(x.t)), scoring_version = $6, computed_at = $7,
            ${scenarioTop ? 'in_scenario_top = false' : 'in_vendor_top = false'}
       FROM unnest($1::uuid[], $2::uuid[], $3::real[], $4::jsonb[], $5::jsonb[]) AS x(s, v, sc, c, t)
      WHERE m.scenario_id = x.s AND m.vendor_organisation_id = x.v
        AND ${scenarioTop ? 'm.in_vendor_top' : 'm.in_scenario_top'}`,
    [
      pairs.map((p) => p.scenarioId),
      pairs.map((p) => p.organisationId),
      pairs.map((p) => p.result.score),
      pairs.map((p) => JSON.stringify(p.result.components)),
      pairs.map((p) => JSON.stringify(p.result.matchedTerms)),
      SCORING_VERSION,
      now,
    ],
  );
}
