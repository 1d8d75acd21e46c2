import { join } from 'node:path';
import {
  analyseScenario,
  analyseVendor,
  corpusStats,
  ndcgAt,
  rankVendorsBruteForce,
  recallAt,
  scenarioQueryWeights,
  tagsOnlyRanking,
  vendorPostingWeights,
} from './index';
import { scoreOnly } from './engine';
import { loadLabelledSet, scenarioInput, vendorInput } from './eval-fixture';
import { syntheticVendors } from './synthetic';

const FIXTURE = join(__dirname, '../../../../test/fixtures/matching-eval');
/** Size of the recombined corpus for the candidate-recall check (the benchmark uses 100k). */
const SYNTHETIC_VENDORS = 8000;
const CANDIDATES = 300;
const TOP = 50;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('offline evaluation on the hand-labelled set', () => {
  const set = loadLabelledSet(FIXTURE);
  const vendors = set.vendors.map((v) => analyseVendor(vendorInput(v)));
  const stats = corpusStats(vendors);
  const tagVendors = set.vendors.map((v) => ({ key: v.key, capabilities: v.capabilities }));

  const rows = set.scenarios.map((s) => {
    const ranked = rankVendorsBruteForce(analyseScenario(scenarioInput(s)), vendors, stats, vendors.length).map(
      (r) => r.organisationId,
    );
    const tags = tagsOnlyRanking(s.capabilities, tagVendors);
    const g = set.qrels[s.key] ?? {};
    return {
      key: s.key,
      ndcg: ndcgAt(10, ranked, g),
      recall: recallAt(10, ranked, g),
      tagsNdcg: ndcgAt(10, tags, g),
      tagsRecall: recallAt(10, tags, g),
    };
  });
  const summary = (rs: typeof rows) => ({
    ndcg10: +mean(rs.map((r) => r.ndcg)).toFixed(3),
    recall10: +mean(rs.map((r) => r.recall)).toFixed(3),
    tagsNdcg10: +mean(rs.map((r) => r.tagsNdcg)).toFixed(3),
    tagsRecall10: +mean(rs.map((r) => r.tagsRecall)).toFixed(3),
  });
  const all = summary(rows);
  const figures: string[] = [];
  afterAll(() => console.log(`matching offline eval: ${figures.join('; ')}`));

  it('covers the whole set', () => {
    expect(set.scenarios.length).toBeGreaterThanOrEqual(30);
    expect(set.vendors.length).toBeGreaterThanOrEqual(80);
    expect(rows).toHaveLength(set.scenarios.length);
  });

  it('reaches nDCG@10 ≥ 0.80 and beats the tags-only baseline by ≥ 0.15', () => {
    const firstHalf = summary(rows.slice(0, 16));
    const secondHalf = summary(rows.slice(16));
    figures.push(
      `nDCG@10/recall@10 all ${JSON.stringify(all)}; s01–s16 ${JSON.stringify(firstHalf)}; s17–s32 ${JSON.stringify(secondHalf)}`,
    );
    expect(all.ndcg10).toBeGreaterThanOrEqual(0.8);
    expect(all.ndcg10).toBeGreaterThanOrEqual(all.tagsNdcg10 + 0.15);
    expect(all.recall10).toBeGreaterThan(all.tagsRecall10);
    // Neither half may collapse (a sign of fitting one half of the set).
    expect(Math.min(firstHalf.ndcg10, secondHalf.ndcg10)).toBeGreaterThanOrEqual(0.8);
  });

  it(`prescore top ${CANDIDATES} holds ≥ 98% of the scoreMatch top ${TOP} on a ${SYNTHETIC_VENDORS}-vendor corpus`, () => {
    const inputs = [
      ...set.vendors.map(vendorInput),
      ...syntheticVendors(set.vendors.map(vendorInput), SYNTHETIC_VENDORS, 7),
    ];
    const docs = inputs.map(analyseVendor);
    const big = corpusStats(docs);
    const postings = docs.map((d) => vendorPostingWeights(d, big));
    let found = 0;
    let total = 0;
    for (const s of set.scenarios) {
      const doc = analyseScenario(scenarioInput(s));
      const q = scenarioQueryWeights(doc, big);
      const byScore = docs
        .map((d, i) => ({ i, score: scoreOnly(doc, d, big) }))
        .sort((a, b) => b.score - a.score || a.i - b.i)
        .slice(0, TOP);
      const byPrescore = postings
        .map((p, i) => {
          let x = 0;
          for (const t in q) {
            const w = p[t];
            if (w !== undefined) x += q[t] * w;
          }
          return { i, x };
        })
        .sort((a, b) => b.x - a.x || a.i - b.i)
        .slice(0, CANDIDATES);
      const candidates = new Set(byPrescore.map((r) => r.i));
      found += byScore.filter((r) => candidates.has(r.i)).length;
      total += byScore.length;
    }
    const recall = found / total;
    figures.push(`candidate recall (top ${TOP} of scoreMatch in prescore top ${CANDIDATES}) ${recall.toFixed(4)}`);
    expect(recall).toBeGreaterThanOrEqual(0.98);
  }, 300_000);
});
