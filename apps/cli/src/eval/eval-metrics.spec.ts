import { type EvalScenario, type EvalVendor, evaluateRankings, formatReport } from './eval-metrics';

const scenario = (key: string, domain: string, capabilities: string[]): EvalScenario => ({
  key,
  title: key,
  summary: null,
  description: null,
  domain,
  sector: null,
  capabilities,
  district: null,
  budgetMin: null,
  budgetMax: null,
  trlRequired: null,
});
const vendor = (key: string, capabilities: string[]): EvalVendor => ({
  key,
  name: key,
  description: '',
  domains: [],
  capabilities,
  industryFields: [],
  districts: [],
  pastCases: [],
  trl: null,
  typicalBudgetMin: null,
  typicalBudgetMax: null,
});

describe('evaluateRankings', () => {
  const vendors = [vendor('a', ['x']), vendor('b', ['y']), vendor('c', ['x', 'y']), vendor('d', [])];

  it('computes graded nDCG@k and recall@k by hand for the engine and the tags-only baseline', () => {
    // s1: a strong (2), b partial (1). Engine ranks b, d, a:
    //   DCG  = (2^1−1)/log2(2) + 0 + (2^2−1)/log2(4) = 1 + 1.5 = 2.5
    //   IDCG = (2^2−1)/log2(2) + (2^1−1)/log2(3) = 3 + 0.63093 = 3.63093 → nDCG = 0.68853
    // Baseline for capabilities [x, y]: c (2 shared), a (1), b (1), d (0):
    //   DCG  = 0 + 3/log2(3) + 1/log2(4) = 1.89279 + 0.5 = 2.39279 → nDCG = 0.65900
    const report = evaluateRankings({
      scenarios: [scenario('s1', 'manufacturing', ['x', 'y'])],
      vendors,
      qrels: { s1: { a: 2, b: 1 } },
      engineRankings: { s1: ['b', 'd', 'a'] },
    });
    expect(report.engine.ndcg).toBeCloseTo(2.5 / (3 + 1 / Math.log2(3)), 6);
    expect(report.engine.ndcg).toBeCloseTo(0.68853, 4);
    expect(report.baseline.ndcg).toBeCloseTo(0.659, 3);
    expect(report.engine.recall).toBe(1);
    expect(report.baseline.recall).toBe(1);
  });

  it('cuts at k, and averages over scenarios and per domain', () => {
    const report = evaluateRankings({
      scenarios: [scenario('s1', 'manufacturing', ['x']), scenario('s2', 'transport', ['y'])],
      vendors,
      qrels: { s1: { a: 2 }, s2: { b: 1, c: 1 } },
      // s1: a at rank 2 is outside k=1 → 0; s2: b at rank 1 → DCG 1, IDCG 1 (k=1) → 1; recall 1/2.
      engineRankings: { s1: ['d', 'a'], s2: ['b', 'c'] },
      k: 1,
    });
    expect(report.perScenario.map((r) => [r.key, r.engine.ndcg, r.engine.recall])).toEqual([
      ['s1', 0, 0],
      ['s2', 1, 0.5],
    ]);
    expect(report.engine).toEqual({ ndcg: 0.5, recall: 0.25 });
    expect(Object.keys(report.byDomain)).toEqual(['manufacturing', 'transport']);
    expect(report.byDomain.transport.engine).toEqual({ ndcg: 1, recall: 0.5 });
    expect(formatReport(report)).toContain('nDCG@1');
  });

  it('counts a scenario the engine returned nothing for as 0 (unless nothing is relevant)', () => {
    const report = evaluateRankings({
      scenarios: [scenario('s1', 'agriculture', ['x']), scenario('s2', 'agriculture', ['x'])],
      vendors,
      qrels: { s1: { a: 2 } },
      engineRankings: {},
    });
    expect(report.perScenario.map((r) => r.engine.ndcg)).toEqual([0, 1]);
  });
});
