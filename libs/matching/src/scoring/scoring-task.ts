import { type CorpusStats, type MatchResult, type ScenarioDoc, scoreMatch, type VendorDoc } from '../engine';

/** One scoring task: a scenario against vendors, or a vendor against scenarios (plain data only). */
export type ScoringTask =
  | { kind: 'scenario'; scenario: ScenarioDoc; vendors: VendorDoc[]; stats: CorpusStats }
  | { kind: 'vendor'; vendor: VendorDoc; scenarios: ScenarioDoc[]; stats: CorpusStats };

export interface ScoredPair {
  scenarioId: string;
  organisationId: string;
  result: MatchResult;
}

/** Exact scores of every pair of the task (pure: runs in a worker thread or in the caller). */
export function runScoringTask(task: ScoringTask): ScoredPair[] {
  if (task.kind === 'scenario') {
    return task.vendors.map((v) => ({
      scenarioId: task.scenario.id,
      organisationId: v.organisationId,
      result: scoreMatch(task.scenario, v, task.stats),
    }));
  }
  return task.scenarios.map((s) => ({
    scenarioId: s.id,
    organisationId: task.vendor.organisationId,
    result: scoreMatch(s, task.vendor, task.stats),
  }));
}
