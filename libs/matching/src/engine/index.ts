/**
 * Explainable matching engine: pure TypeScript (no Nest, no DB); inputs, docs and results are
 * plain JSON so they can be stored as jsonb and sent to worker threads.
 */
export type {
  ScenarioMatchInput,
  VendorMatchInput,
  ScenarioDoc,
  VendorDoc,
  CorpusStats,
  MatchComponent,
  MatchComponentKey,
  MatchResult,
} from './types';
export {
  SCORING_VERSION,
  analyseScenario,
  analyseVendor,
  corpusStats,
  vendorPostingWeights,
  scenarioQueryWeights,
  prescore,
  scoreMatch,
  rankVendorsBruteForce,
} from './engine';
export { ndcgAt, recallAt, tagsOnlyRanking } from './metrics';
