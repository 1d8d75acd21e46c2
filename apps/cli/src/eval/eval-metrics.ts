import { ndcgAt, recallAt, tagsOnlyRanking } from '@app/matching/engine';
import type { FixtureScenario as EvalScenario, FixtureVendor as EvalVendor } from '@app/matching/engine/eval-fixture';

/** The labelled set's file formats (issue 5, item 5): one definition, the engine's. */
export type { FixtureScenario as EvalScenario, FixtureVendor as EvalVendor } from '@app/matching/engine/eval-fixture';
/** `qrels.json`: grades per scenario key and vendor key (2 strong, 1 partial, absent 0). */
export type Qrels = Record<string, Record<string, number>>;

export interface MetricPair {
  ndcg: number;
  recall: number;
}

export interface EvalSummary {
  scenarios: number;
  engine: MetricPair;
  baseline: MetricPair;
}

export interface EvalReport extends EvalSummary {
  k: number;
  byDomain: Record<string, EvalSummary>;
  perScenario: { key: string; domain: string; engine: MetricPair; baseline: MetricPair }[];
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

function summarise(rows: EvalReport['perScenario']): EvalSummary {
  return {
    scenarios: rows.length,
    engine: { ndcg: mean(rows.map((r) => r.engine.ndcg)), recall: mean(rows.map((r) => r.engine.recall)) },
    baseline: { ndcg: mean(rows.map((r) => r.baseline.ndcg)), recall: mean(rows.map((r) => r.baseline.recall)) },
  };
}

/**
 * nDCG@k and recall@k of the engine's rankings (vendor keys, best first) and of the tags-only baseline
 * (shared capability codes), per scenario, as means over all scenarios and per domain. Pure.
 */
export function evaluateRankings(input: {
  scenarios: EvalScenario[];
  vendors: EvalVendor[];
  qrels: Qrels;
  engineRankings: Record<string, string[]>;
  k?: number;
}): EvalReport {
  const k = input.k ?? 10;
  const tagVendors = input.vendors.map((v) => ({ key: v.key, capabilities: v.capabilities }));
  const perScenario = input.scenarios.map((s) => {
    const grades = input.qrels[s.key] ?? {};
    const engine = input.engineRankings[s.key] ?? [];
    const baseline = tagsOnlyRanking(s.capabilities, tagVendors);
    return {
      key: s.key,
      domain: s.domain,
      engine: { ndcg: ndcgAt(k, engine, grades), recall: recallAt(k, engine, grades) },
      baseline: { ndcg: ndcgAt(k, baseline, grades), recall: recallAt(k, baseline, grades) },
    };
  });
  const domains = [...new Set(perScenario.map((r) => r.domain))].sort();
  return {
    k,
    ...summarise(perScenario),
    byDomain: Object.fromEntries(domains.map((d) => [d, summarise(perScenario.filter((r) => r.domain === d))])),
    perScenario,
  };
}

const f = (x: number) => x.toFixed(3);
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;

/** The report as a plain-text table. */
export function formatReport(r: EvalReport): string {
  const header = `${'set'.padEnd(18)} ${'n'.padStart(3)}  ${`nDCG@${r.k}`.padStart(8)} ${'baseline'.padStart(8)} ${'diff'.padStart(7)}  ${`recall@${r.k}`.padStart(9)} ${'baseline'.padStart(8)} ${'diff'.padStart(7)}`;
  const line = (name: string, s: EvalSummary) =>
    `${name.padEnd(18)} ${String(s.scenarios).padStart(3)}  ${f(s.engine.ndcg).padStart(8)} ${f(s.baseline.ndcg).padStart(8)} ${signed(s.engine.ndcg - s.baseline.ndcg).padStart(7)}  ${f(s.engine.recall).padStart(9)} ${f(s.baseline.recall).padStart(8)} ${signed(s.engine.recall - s.baseline.recall).padStart(7)}`;
  return [header, line('all', r), ...Object.entries(r.byDomain).map(([d, s]) => line(`  ${d}`, s))].join('\n');
}
