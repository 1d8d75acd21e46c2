import {
  changedSnapshotFields,
  deadlineAfterAmendment,
  diffSnapshots,
  hiddenSnapshotFields,
  isMaterialAmendment,
  MATERIAL_AMENDMENT_FIELDS,
  type ScenarioSnapshot,
  SNAPSHOT_FIELDS,
  textChanges,
} from './amendment-diff';

const DAY = 86_400_000;

function snapshot(overrides: Partial<ScenarioSnapshot> = {}): ScenarioSnapshot {
  return {
    title: '童装面料瑕疵AI视觉检测',
    summary: '织里童装企业面料瑕疵依赖人工目检',
    description: '## 背景\n人工目检',
    sector: 'textile',
    capabilityCodes: ['cv_inspection'],
    district: 'wuxing',
    site: 'agency_site',
    currentSituation: '每条产线 4 名质检员',
    kpis: [{ metric: '检出率', baseline: '95', target: '99.5', unit: '%' }],
    dataResources: [{ name: '图像', description: '2 万张', accessTerms: '试验场内', sandboxed: true }],
    trlRequired: 6,
    compliance: {
      algorithmFiling: false,
      generativeAiFiling: false,
      dataSecurityLevel: 'general',
      personalInformation: false,
    },
    budgetMinYuan: 500_000,
    budgetMaxYuan: 1_500_000,
    fundingType: 'agency_budget',
    proposalDeadline: '2030-01-31T16:00:00.000Z',
    expectedDeliveryMonths: 6,
    contact: { name: '李联系', phone: '0572-2345678', email: 'li@example.gov.cn', public: false },
    privateFields: ['budget'],
    titleEn: null,
    summaryEn: null,
    ...overrides,
  };
}

describe('changedSnapshotFields', () => {
  it('finds nothing between equal versions, whatever the key order inside objects', () => {
    const a = snapshot();
    const b = snapshot({ kpis: [{ unit: '%', target: '99.5', baseline: '95', metric: '检出率' }] });
    expect(changedSnapshotFields(a, b)).toEqual([]);
  });

  it('lists changed fields in display order, nested changes included', () => {
    const b = snapshot({
      summaryEn: 'x',
      budgetMaxYuan: 1_600_000,
      title: '新标题',
      compliance: { ...snapshot().compliance!, personalInformation: true },
    });
    expect(changedSnapshotFields(snapshot(), b)).toEqual(['title', 'compliance', 'budgetMaxYuan', 'summaryEn']);
  });
});

describe('isMaterialAmendment', () => {
  it('is material for budget, deadline, KPIs and requirements only', () => {
    for (const f of MATERIAL_AMENDMENT_FIELDS) expect(isMaterialAmendment([f])).toBe(true);
    const others = SNAPSHOT_FIELDS.filter((f) => !MATERIAL_AMENDMENT_FIELDS.includes(f));
    expect(others).toEqual([
      'title',
      'summary',
      'description',
      'district',
      'currentSituation',
      'contact',
      'privateFields',
      'titleEn',
      'summaryEn',
    ]);
    expect(isMaterialAmendment(others)).toBe(false);
    expect(isMaterialAmendment(['description', 'kpis'])).toBe(true);
  });
});

describe('textChanges', () => {
  it('diffs Chinese text character by character', () => {
    expect(textChanges('人工目检漏检率高', '人工智能检测漏检率低')).toEqual([
      { op: 'equal', text: '人工' },
      { op: 'delete', text: '目' },
      { op: 'insert', text: '智能' },
      { op: 'equal', text: '检' },
      { op: 'insert', text: '测' },
      { op: 'equal', text: '漏检率' },
      { op: 'delete', text: '高' },
      { op: 'insert', text: '低' },
    ]);
  });

  it('treats null as empty text', () => {
    expect(textChanges(null, 'English title')).toEqual([{ op: 'insert', text: 'English title' }]);
    expect(textChanges('旧', null)).toEqual([{ op: 'delete', text: '旧' }]);
  });

  it('gives up on character detail for a complete rewrite of a long text, still correct', () => {
    const a = '甲'.repeat(20_000);
    const b = '乙'.repeat(20_000);
    const started = Date.now();
    const changes = textChanges(a, b);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(changes).toEqual([
      { op: 'delete', text: a },
      { op: 'insert', text: b },
    ]);
    expect(
      changes
        .filter((c) => c.op !== 'insert')
        .map((c) => c.text)
        .join(''),
    ).toBe(a);
    expect(
      changes
        .filter((c) => c.op !== 'delete')
        .map((c) => c.text)
        .join(''),
    ).toBe(b);
  });
});

describe('diffSnapshots', () => {
  const from = snapshot();
  const to = snapshot({
    description: '## 背景\n人工智能检测',
    budgetMaxYuan: 1_800_000,
    currentSituation: '每条产线 2 名质检员',
    trlRequired: 7,
  });

  it('gives before/after for every changed field, with character changes for text', () => {
    expect(diffSnapshots(from, to, true)).toEqual([
      {
        field: 'description',
        before: '## 背景\n人工目检',
        after: '## 背景\n人工智能检测',
        changes: [
          { op: 'equal', text: '## 背景\n人工' },
          { op: 'delete', text: '目' },
          { op: 'insert', text: '智能' },
          { op: 'equal', text: '检' },
          { op: 'insert', text: '测' },
        ],
      },
      {
        field: 'currentSituation',
        before: '每条产线 4 名质检员',
        after: '每条产线 2 名质检员',
        changes: expect.any(Array),
      },
      { field: 'trlRequired', before: 6, after: 7 },
      { field: 'budgetMaxYuan', before: 1_500_000, after: 1_800_000 },
    ]);
  });

  it('shows a private field to the public as changed, without values', () => {
    const pub = diffSnapshots(from, to, false);
    expect(pub.find((d) => d.field === 'budgetMaxYuan')).toEqual({ field: 'budgetMaxYuan', hidden: true });
    expect(JSON.stringify(pub)).not.toContain('1500000');
    expect(JSON.stringify(pub)).not.toContain('1800000');
  });

  it('hides a field private in either version (made public or made private by the amendment)', () => {
    const secret = snapshot({ privateFields: ['budget', 'currentSituation'] });
    const revealed = snapshot({ privateFields: [], currentSituation: '公开的新现状' });
    for (const [a, b] of [
      [secret, revealed],
      [revealed, secret],
    ]) {
      const pub = diffSnapshots(a, b, false);
      expect(pub.find((d) => d.field === 'currentSituation')).toEqual({ field: 'currentSituation', hidden: true });
      expect(JSON.stringify(pub)).not.toContain('质检员');
    }
  });

  it('hides a contact that is not public', () => {
    const to2 = snapshot({ contact: { ...snapshot().contact!, phone: '0572-1111111' } });
    expect(diffSnapshots(from, to2, false)).toEqual([{ field: 'contact', hidden: true }]);
    expect(hiddenSnapshotFields(snapshot({ privateFields: [] }))).toEqual(new Set(['contact']));
  });
});

describe('deadlineAfterAmendment', () => {
  const now = new Date('2030-01-01T00:00:00.000Z');
  const at = (days: number) => new Date(now.getTime() + days * DAY);

  it('keeps the deadline for a non-material amendment, however close', () => {
    expect(deadlineAfterAmendment({ material: false, requested: at(1), now, minNoticeDays: 5 })).toEqual(at(1));
  });

  it('extends to now + N days for a material amendment within N days of the deadline', () => {
    expect(deadlineAfterAmendment({ material: true, requested: at(2), now, minNoticeDays: 5 })).toEqual(at(5));
  });

  it('keeps a deadline at least N days away, and a later one the agency asked for', () => {
    expect(deadlineAfterAmendment({ material: true, requested: at(5), now, minNoticeDays: 5 })).toEqual(at(5));
    expect(deadlineAfterAmendment({ material: true, requested: at(20), now, minNoticeDays: 5 })).toEqual(at(20));
  });
});
