import fc from 'fast-check';
import { codesOf } from '@app/taxonomy/taxonomy';
import {
  analyseScenario,
  analyseVendor,
  corpusStats,
  ndcgAt,
  prescore,
  rankVendorsBruteForce,
  recallAt,
  scenarioQueryWeights,
  scoreMatch,
  SCORING_VERSION,
  tagsOnlyRanking,
  vendorPostingWeights,
  type MatchResult,
  type ScenarioMatchInput,
  type VendorDoc,
  type VendorMatchInput,
} from './index';
import { scoreOnly } from './engine';
import { syntheticVendors } from './synthetic';

const scenario = (over: Partial<ScenarioMatchInput> = {}): ScenarioMatchInput => ({
  id: 's1',
  title: '茶园无人机植保作业',
  summary: '组织无人机对茶园开展病虫害统防统治，减少农药用量。',
  description: '茶园多在丘陵坡地，人工打药劳动强度大。拟用多光谱航拍生成长势分布图，按处方图精准作业。',
  domain: 'agriculture',
  sector: 'tea_bamboo',
  capabilityCodes: ['uav_drone', 'remote_sensing'],
  district: 'anji',
  budgetMinYuan: 400_000,
  budgetMaxYuan: 1_000_000,
  trlRequired: 7,
  extraText: null,
  ...over,
});

const vendor = (over: Partial<VendorMatchInput> = {}): VendorMatchInput => ({
  organisationId: 'v1',
  name: '某农业科技有限公司',
  description: '农业无人机飞防服务队，为水稻、茶园和竹林提供病虫害喷洒作业，按亩收费。',
  domains: ['agriculture'],
  capabilityCodes: ['uav_drone'],
  industryFields: [],
  districts: ['anji'],
  productsText: [],
  pastCases: ['茶园飞防作业3万亩次'],
  trl: 8,
  typicalBudgetMinYuan: 200_000,
  typicalBudgetMaxYuan: 900_000,
  acceptedDeliveries: 0,
  ...over,
});

/** Background corpus so idf is meaningful. */
const BACKGROUND: VendorMatchInput[] = [
  vendor({
    organisationId: 'b1',
    description: '医学影像AI辅助诊断，肺结节CT筛查。',
    domains: ['other'],
    capabilityCodes: ['cv_inspection'],
    pastCases: [],
  }),
  vendor({
    organisationId: 'b2',
    description: '商业楼宇暖通空调AI节能服务。',
    domains: ['other'],
    capabilityCodes: ['energy_optimization'],
    pastCases: [],
  }),
  vendor({
    organisationId: 'b3',
    description: '信号灯自适应控制和干线绿波协调。',
    domains: ['transport'],
    capabilityCodes: ['traffic_optimization'],
    pastCases: [],
  }),
  vendor({
    organisationId: 'b4',
    description: '景区数字人讲解员制作与运营。',
    domains: ['culture_tourism'],
    capabilityCodes: ['digital_human'],
    pastCases: [],
  }),
  vendor({
    organisationId: 'b5',
    description: '工厂无人叉车与多车调度系统。',
    domains: ['manufacturing'],
    capabilityCodes: ['amr_agv'],
    pastCases: [],
  }),
];

function score(s: ScenarioMatchInput, v: VendorMatchInput, extra: VendorMatchInput[] = []): MatchResult {
  const docs = [...BACKGROUND, ...extra, v].map(analyseVendor);
  const stats = corpusStats(docs);
  return scoreMatch(analyseScenario(s), docs[docs.length - 1], stats);
}

const component = (r: MatchResult, key: string) => {
  const c = r.components.find((x) => x.key === key);
  if (!c) throw new Error(`no component ${key}`);
  return c;
};

describe('matching engine', () => {
  it('exports a scoring version', () => {
    expect(SCORING_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('produces JSON-serialisable docs that score the same after a round trip', () => {
    const docs = [...BACKGROUND, vendor()].map(analyseVendor);
    const stats = corpusStats(docs);
    const s = analyseScenario(scenario());
    const again = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
    expect(again(s)).toEqual(s);
    expect(again(docs[5])).toEqual(docs[5]);
    expect(scoreMatch(again(s), again(docs[5]), again(stats))).toEqual(scoreMatch(s, docs[5], stats));
    expect(typeof Object.values(docs[5].terms)[0]).toBe('number');
  });

  it('recognises synonyms: 植保/飞防/喷洒 are one canonical term, listed as matched', () => {
    const r = score(scenario(), vendor());
    expect(r.matchedTerms).toContain('植保');
    expect(component(r, 'text').points).toBeGreaterThan(10);
  });

  it.each([
    ['瑕疵检测', '疵点在线识别', '瑕疵'],
    ['数字人导游', '虚拟讲解员制作', '数字人'],
    ['车路协同路口改造', '提供V2X路侧单元', '车路协同'],
    ['无人叉车改造', 'AGV整车与调度', 'agv'],
  ])('maps %s and %s to the canonical term %s', (scenarioText, vendorText, term) => {
    const r = score(
      scenario({ title: scenarioText, summary: null, description: null, capabilityCodes: [] }),
      vendor({ description: vendorText, pastCases: [], capabilityCodes: [] }),
    );
    expect(r.matchedTerms).toContain(term);
  });

  it('gives bare numbers no weight and shows no single characters as reasons', () => {
    const shared = '识别12类瑕疵，2026年完成，3个月试运行';
    const r = score(
      scenario({ title: '面料瑕疵检测', summary: shared, description: null, capabilityCodes: [] }),
      vendor({ description: `面料瑕疵在线检测，${shared}`, pastCases: [], capabilityCodes: [] }),
    );
    expect(r.matchedTerms).toContain('瑕疵');
    expect(r.matchedTerms.filter((t) => /^\d+$/.test(t) || Array.from(t).length < 2)).toEqual([]);
    expect(Object.keys(analyseVendor(vendor({ description: shared })).terms).filter((t) => /^\d+$/.test(t))).toEqual(
      [],
    );
  });

  it('recognises capabilities from the text when they are not ticked', () => {
    const doc = analyseVendor(vendor({ capabilityCodes: [] }));
    expect(doc.recognisedCapabilities).toContain('uav_drone');
    const r = score(scenario(), vendor({ capabilityCodes: [] }));
    expect(r.recognisedCapabilities).toContain('uav_drone');
    expect(component(r, 'capability').points).toBeGreaterThan(0);
  });

  it('down-weights a vendor from another domain strongly', () => {
    const same = score(scenario(), vendor());
    const other = score(
      scenario(),
      vendor({
        domains: ['other'],
        description: '电力输电线路无人机巡检，识别绝缘子破损。',
        pastCases: ['供电公司线路巡检'],
      }),
    );
    expect(component(other, 'domain').detail.rule).toBe('mismatch');
    expect(component(other, 'domain').points).toBe(0);
    expect(other.score).toBeLessThan(same.score * 0.6);
  });

  it('keeps generalists that tick many codes with thin text below a focused vendor', () => {
    const generalist = vendor({
      organisationId: 'g',
      description: '提供人工智能全栈解决方案，赋能千行百业数字化转型。',
      pastCases: ['某区数字化转型项目'],
      domains: ['manufacturing', 'agriculture', 'culture_tourism', 'transport'],
      capabilityCodes: codesOf('capability').slice(0, 16).concat(['uav_drone', 'remote_sensing']),
      districts: ['citywide'],
    });
    const g = score(scenario(), generalist);
    const f = score(scenario(), vendor());
    expect(f.score).toBeGreaterThan(g.score + 20);
    expect(component(g, 'capability').points).toBeLessThan(component(f, 'capability').points);
    expect(component(g, 'capability').detail.tickedOnlyDilution).toBeLessThan(1);
  });

  describe('budget', () => {
    const budgetPoints = (min: number | null, max: number | null) =>
      component(score(scenario(), vendor({ typicalBudgetMinYuan: min, typicalBudgetMaxYuan: max })), 'budget');
    it('full when ranges touch at the edge', () => {
      expect(budgetPoints(1_000_000, 5_000_000).detail.rule).toBe('overlap');
      expect(budgetPoints(1_000_000, 5_000_000).detail.fit).toBe(1);
    });
    it('nothing for a vendor whose projects start an order of magnitude above', () => {
      expect(budgetPoints(20_000_000, 100_000_000).points).toBe(0);
      expect(budgetPoints(20_000_000, 100_000_000).detail.rule).toBe('vendor_above');
    });
    it('partial just above, neutral when unknown', () => {
      const near = budgetPoints(1_500_000, 3_000_000);
      expect(near.detail.fit).toBeGreaterThan(0);
      expect(near.detail.fit).toBeLessThan(1);
      expect(budgetPoints(null, null).detail.rule).toBe('unknown');
      expect(budgetPoints(null, null).detail.fit).toBe(0.5);
    });
  });

  describe('TRL', () => {
    const trl = (vendorTrl: number | null, required: number | null = 7) =>
      component(score(scenario({ trlRequired: required }), vendor({ trl: vendorTrl })), 'trl');
    it('full at the required level, less per level below, neutral when unknown', () => {
      expect(trl(7).detail.rule).toBe('meets');
      expect(trl(9).points).toBe(trl(7).points);
      expect(trl(6).points).toBeLessThan(trl(7).points);
      expect(trl(4).points).toBeLessThan(trl(6).points);
      expect(trl(3).points).toBe(0);
      expect(trl(null).detail.rule).toBe('unknown');
      expect(trl(5, null).detail.rule).toBe('not_required');
    });
  });

  describe('districts', () => {
    const district = (districts: string[], scenarioDistrict: string | null = 'anji') =>
      component(score(scenario({ district: scenarioDistrict }), vendor({ districts })), 'district');
    it('same district and citywide serve fully; another district less; none least', () => {
      const same = district(['anji']);
      expect(same.detail.rule).toBe('same_district');
      expect(district(['citywide']).points).toBe(same.points);
      expect(district(['citywide']).detail.rule).toBe('citywide');
      const other = district(['wuxing']);
      expect(other.detail.rule).toBe('other_district');
      expect(other.points).toBeLessThan(same.points);
      const none = district([]);
      expect(none.detail.rule).toBe('serves_none');
      expect(none.points).toBe(0);
    });
    it('a citywide scenario prefers citywide vendors but accepts any district', () => {
      expect(district(['citywide'], 'citywide').points).toBeGreaterThan(district(['wuxing'], 'citywide').points);
      expect(district(['wuxing'], null).points).toBeGreaterThan(0);
    });
  });

  it('weighs accepted deliveries on the platform more than self-declared cases', () => {
    const delivered = score(scenario(), vendor({ acceptedDeliveries: 2, pastCases: [] }));
    const declared = score(scenario(), vendor({ acceptedDeliveries: 0, pastCases: ['案例一', '案例二'] }));
    expect(component(delivered, 'track_record').points).toBeGreaterThan(component(declared, 'track_record').points);
  });

  it('explains: components with points ≤ max and matched terms present on both sides', () => {
    const docs = [...BACKGROUND, vendor()].map(analyseVendor);
    const stats = corpusStats(docs);
    const s = analyseScenario(scenario());
    const r = scoreMatch(s, docs[5], stats);
    expect(r.components.map((c) => c.key)).toEqual([
      'domain',
      'sector',
      'capability',
      'text',
      'district',
      'budget',
      'trl',
      'track_record',
    ]);
    expect(r.components.reduce((a, c) => a + c.max, 0)).toBe(100);
    expect(r.matchedTerms.length).toBeGreaterThan(2);
    for (const t of r.matchedTerms) {
      expect(s.terms[t]).toBeDefined();
      expect(docs[5].terms[t]).toBeDefined();
    }
    expect(component(r, 'text').detail.terms).toEqual(r.matchedTerms);
    expect(Math.abs(r.components.reduce((a, c) => a + c.points, 0) - r.score)).toBeLessThan(0.6);
  });

  it('is deterministic and independent of vendor order', () => {
    const inputs = [...BACKGROUND, vendor(), vendor({ organisationId: 'v2', districts: ['wuxing'] })];
    const docs = inputs.map(analyseVendor);
    const stats = corpusStats(docs);
    const s = analyseScenario(scenario());
    const a = rankVendorsBruteForce(s, docs, stats, 10);
    const b = rankVendorsBruteForce(
      analyseScenario(scenario()),
      [...docs].reverse(),
      corpusStats([...docs].reverse()),
      10,
    );
    expect(b).toEqual(a);
    expect(a[0].organisationId).toBe('v1');
    expect(analyseVendor(vendor())).toEqual(analyseVendor(vendor()));
  });

  it('ranks brute force like sorting scoreMatch, and explains only the top', () => {
    const docs = [...BACKGROUND, vendor(), vendor({ organisationId: 'v2', capabilityCodes: [] })].map(analyseVendor);
    const stats = corpusStats(docs);
    const s = analyseScenario(scenario());
    const ranked = rankVendorsBruteForce(s, docs, stats, 3);
    const sorted = docs
      .map((d) => ({ id: d.organisationId, score: scoreMatch(s, d, stats).score }))
      .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1))
      .slice(0, 3);
    expect(ranked.map((r) => r.organisationId)).toEqual(sorted.map((x) => x.id));
    expect(ranked.map((r) => r.result.score)).toEqual(sorted.map((x) => x.score));
    expect(rankVendorsBruteForce(s, docs, stats, 0)).toEqual([]);
  });

  it('keeps the exact top k when the corpus is much larger than k (bounded pool)', () => {
    const docs = syntheticVendors(
      [...BACKGROUND, vendor(), vendor({ organisationId: 'v2', districts: [] })],
      400,
      3,
    ).map(analyseVendor);
    const stats = corpusStats(docs);
    const s = analyseScenario(scenario());
    const expected = docs
      .map((d) => ({ id: d.organisationId, score: scoreOnly(s, d, stats) }))
      .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1))
      .slice(0, 7);
    const ranked = rankVendorsBruteForce(s, docs, stats, 7);
    expect(ranked.map((r) => [r.organisationId, r.result.score])).toEqual(expected.map((x) => [x.id, x.score]));
  });

  describe('properties', () => {
    const sentences = [
      '农业无人机飞防服务队，提供病虫害喷洒作业。',
      '利用卫星遥感开展竹林分布识别。',
      '在验布机上加装线阵相机，实时识别疵点。',
      '信号灯自适应配时和干线绿波协调。',
      '景区客流监测与预测，节假日分流。',
      '数字人讲解员部署在游客中心大屏。',
      '无人叉车与AGV多车调度，对接MES和WMS。',
      '提供人工智能全栈解决方案。',
      '电梯物联网平台，预测曳引机故障。',
      '北斗高精度定位终端，监管重型货车。',
    ];
    const text = fc
      .tuple(fc.subarray(sentences), fc.string({ maxLength: 12 }))
      .map(([xs, noise]) => xs.join('') + noise);
    const caps = fc.subarray(codesOf('capability'));
    const districts = fc.subarray(['wuxing', 'nanxun', 'deqing', 'changxing', 'anji', 'south_taihu', 'citywide']);
    const domain = fc.constantFrom('manufacturing', 'agriculture', 'culture_tourism', 'transport', 'other');
    const money = fc.option(fc.integer({ min: 0, max: 2_000_000_000 }), { nil: null });
    const trl = fc.option(fc.integer({ min: 1, max: 9 }), { nil: null });
    const scenarioArb: fc.Arbitrary<ScenarioMatchInput> = fc.record({
      id: fc.constant('s'),
      title: text,
      summary: fc.option(text, { nil: null }),
      description: fc.option(text, { nil: null }),
      domain,
      sector: fc.option(fc.constantFrom(...codesOf('sector')), { nil: null }),
      capabilityCodes: caps,
      district: fc.option(fc.constantFrom('wuxing', 'anji', 'citywide'), { nil: null }),
      budgetMinYuan: money,
      budgetMaxYuan: money,
      trlRequired: trl,
      extraText: fc.option(text, { nil: null }),
    });
    const vendorArb: fc.Arbitrary<VendorMatchInput> = fc.record({
      organisationId: fc.constant('x'),
      name: fc.string({ maxLength: 10 }),
      description: text,
      domains: fc.subarray(['manufacturing', 'agriculture', 'culture_tourism', 'transport', 'other']),
      capabilityCodes: caps,
      industryFields: fc.constant([]),
      districts,
      productsText: fc.array(text, { maxLength: 2 }),
      pastCases: fc.array(text, { maxLength: 3 }),
      trl,
      typicalBudgetMinYuan: money,
      typicalBudgetMaxYuan: money,
      acceptedDeliveries: fc.integer({ min: 0, max: 50 }),
    });
    const background = BACKGROUND.map(analyseVendor);
    const statsWith = (v: VendorDoc) => corpusStats([...background, v]);

    it('scores lie in 0–100 with one decimal, each component within 0..max', () => {
      fc.assert(
        fc.property(scenarioArb, vendorArb, (si, vi) => {
          const v = analyseVendor(vi);
          const r = scoreMatch(analyseScenario(si), v, statsWith(v));
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(100);
          expect(Math.round(r.score * 10) / 10).toBe(r.score);
          for (const c of r.components) {
            expect(c.points).toBeGreaterThanOrEqual(0);
            expect(c.points).toBeLessThanOrEqual(c.max);
          }
        }),
        { numRuns: 150 },
      );
    });

    it('adding a capability the scenario needs never lowers the score', () => {
      fc.assert(
        fc.property(scenarioArb, vendorArb, fc.nat(), (si, vi, pick) => {
          const s = analyseScenario(si);
          const needed = Object.keys(s.needs);
          fc.pre(needed.length > 0);
          const code = needed[pick % needed.length];
          const before = analyseVendor(vi);
          const after = analyseVendor({ ...vi, capabilityCodes: [...vi.capabilityCodes, code] });
          const stats = statsWith(before);
          expect(scoreOnly(s, after, stats)).toBeGreaterThanOrEqual(scoreOnly(s, before, stats));
        }),
        { numRuns: 150 },
      );
    });

    it('prescore is exactly the dot product of query and posting weights', () => {
      fc.assert(
        fc.property(scenarioArb, vendorArb, (si, vi) => {
          const v = analyseVendor(vi);
          const stats = statsWith(v);
          const s = analyseScenario(si);
          const q = scenarioQueryWeights(s, stats);
          const p = vendorPostingWeights(v, stats);
          let dot = 0;
          for (const t in q) dot += q[t] * (p[t] ?? 0);
          expect(prescore(s, v, stats)).toBeCloseTo(dot, 9);
        }),
        { numRuns: 80 },
      );
    });
  });
});

describe('metrics', () => {
  const grades = { a: 2, b: 1, c: 2 };
  it('nDCG@k is 1 for the ideal order and lower otherwise', () => {
    expect(ndcgAt(10, ['a', 'c', 'b', 'x'], grades)).toBeCloseTo(1, 10);
    expect(ndcgAt(10, ['x', 'b', 'a', 'c'], grades)).toBeLessThan(0.8);
    expect(ndcgAt(10, ['x'], grades)).toBe(0);
    expect(ndcgAt(10, ['x'], {})).toBe(1);
  });
  it('recall@k counts grade ≥ 1 in the first k', () => {
    expect(recallAt(2, ['a', 'x', 'b'], grades)).toBeCloseTo(1 / 3, 10);
    expect(recallAt(3, ['a', 'x', 'b'], grades)).toBeCloseTo(2 / 3, 10);
  });
  it('tags-only ranks by shared codes, ties by key', () => {
    expect(
      tagsOnlyRanking(
        ['x', 'y'],
        [
          { key: 'v3', capabilities: ['x'] },
          { key: 'v1', capabilities: ['z'] },
          { key: 'v2', capabilities: ['y', 'x', 'x'] },
          { key: 'v0', capabilities: ['y'] },
        ],
      ),
    ).toEqual(['v2', 'v0', 'v3', 'v1']);
  });
});
