import { describe, expect, it } from 'vitest';
import {
  deadlineBound,
  parseScenarioFilters,
  parseVendorFilters,
  scenarioApiQuery,
  scenarioFiltersToSearch,
  vendorApiQuery,
  vendorFiltersToSearch,
  wanToYuan,
  yuanToWan,
} from './listFilters';
import { hasAnyValue, isEmptyValue, toggleCode } from './queryMapping';
import { SCENARIO_FILTERS } from './listFilters';

describe('opportunity list filters ⇄ URL', () => {
  it('reads every filter the API knows, lists comma-separated or repeated', () => {
    const f = parseScenarioFilters(
      '?q=%E7%AB%A5%E8%A3%85&domain=manufacturing,agriculture&domain=transport&district=wuxing&capability=cv_inspection' +
        '&sector=textile&status=open&budgetMin=500000&budgetMax=2000000&trl=6&deadlineFrom=2026-12-01' +
        '&deadlineTo=2027-01-31&batch=5AD4523C-D0D8-48C2-98C5-EAB014909C51&sort=deadline&cursor=abc&page=2',
    );
    expect(f).toEqual({
      q: '童装',
      domain: ['manufacturing', 'agriculture', 'transport'],
      sector: 'textile',
      capability: ['cv_inspection'],
      district: ['wuxing'],
      status: 'open',
      budgetMin: 500000,
      budgetMax: 2000000,
      trl: 6,
      deadlineFrom: '2026-12-01',
      deadlineTo: '2027-01-31',
      batch: '5ad4523c-d0d8-48c2-98c5-eab014909c51',
      sort: 'deadline',
    });
  });

  it('drops what the API would refuse, so an old or hand-edited link still lists', () => {
    const f = parseScenarioFilters(
      'domain=manufacturing,space,manufacturing&district=shanghai&status=pending&trl=12&budgetMin=-5&budgetMax=1e6' +
        '&deadlineFrom=2026-02-30&deadlineTo=tomorrow&batch=42&sort=random&q=%20%20',
    );
    expect(f).toEqual({ domain: ['manufacturing'] });
  });

  it('keeps a full date-time (as saved searches store it) and cuts keywords to 100 characters', () => {
    expect(parseScenarioFilters('')).toEqual({});
    const g = parseScenarioFilters(`deadlineTo=2027-01-31T23:59:59%2B08:00&q=${'词'.repeat(120)}`);
    expect(g.deadlineTo).toBe('2027-01-31T23:59:59+08:00');
    expect(g.q).toHaveLength(100);
  });

  it('writes a short, stable query string in the spec order, leaving empty filters out', () => {
    expect(
      scenarioFiltersToSearch({
        sort: 'budget',
        district: ['wuxing', 'anji'],
        q: ' 无人叉车 ',
        domain: [],
        sector: undefined,
        trl: 7,
      }),
    ).toBe('q=%E6%97%A0%E4%BA%BA%E5%8F%89%E8%BD%A6&district=wuxing%2Canji&trl=7&sort=budget');
    expect(scenarioFiltersToSearch({})).toBe('');
  });

  it('round-trips: what it writes it reads back the same', () => {
    const f = parseScenarioFilters(
      'q=数字人&domain=culture_tourism&district=nanxun,anji&status=awarded&budgetMax=800000',
    );
    expect(parseScenarioFilters(scenarioFiltersToSearch(f))).toEqual(f);
  });

  it('reads the saved searches’ listQuery format (libs/notifications listQueryOf)', () => {
    const listQuery = new URLSearchParams({ q: '瑕疵检测', domain: 'manufacturing,agriculture', budgetMin: '100000' });
    expect(parseScenarioFilters(listQuery.toString())).toEqual({
      q: '瑕疵检测',
      domain: ['manufacturing', 'agriculture'],
      budgetMin: 100000,
    });
  });
});

describe('the API query of the list', () => {
  it('sends whole Huzhou days for the deadline filter, and the cursor of the page asked', () => {
    expect(scenarioApiQuery({ deadlineFrom: '2026-12-01', deadlineTo: '2026-12-31' }, 'c1', 20)).toMatchObject({
      deadlineFrom: '2026-12-01T00:00:00+08:00',
      deadlineTo: '2026-12-31T23:59:59.999+08:00',
      cursor: 'c1',
      limit: 20,
    });
    expect(deadlineBound('2027-01-31T10:00:00Z', 'end')).toBe('2027-01-31T10:00:00Z');
  });

  it('never sends a combination the API refuses', () => {
    const q = scenarioApiQuery({
      budgetMin: 3_000_000,
      budgetMax: 1_000_000,
      deadlineFrom: '2027-02-01',
      deadlineTo: '2027-01-01',
      sort: 'relevance',
    });
    expect(q.budgetMin).toBeUndefined();
    expect(q.budgetMax).toBe(1_000_000);
    expect(q.deadlineFrom).toBeUndefined();
    expect(q.deadlineTo).toBeUndefined();
    // Relevance needs keywords.
    expect(q.sort).toBeUndefined();
    expect(scenarioApiQuery({ q: '童装', sort: 'relevance' }).sort).toBe('relevance');
  });

  it('joins list filters with commas', () => {
    expect(scenarioApiQuery({ domain: ['manufacturing', 'transport'], capability: ['amr_agv'] })).toMatchObject({
      domain: 'manufacturing,transport',
      capability: 'amr_agv',
      cursor: undefined,
    });
  });
});

describe('capability list filters', () => {
  it('reads and writes its own filters only', () => {
    const f = parseVendorFilters(
      'q=无人叉车&industryField=embodied_robotics&capability=amr_agv&status=open&trl=7&sort=relevance',
    );
    expect(f).toEqual({
      q: '无人叉车',
      industryField: ['embodied_robotics'],
      capability: ['amr_agv'],
      trl: 7,
      sort: 'relevance',
    });
    expect(vendorFiltersToSearch(f)).toBe(
      'q=%E6%97%A0%E4%BA%BA%E5%8F%89%E8%BD%A6&capability=amr_agv&industryField=embodied_robotics&trl=7&sort=relevance',
    );
    expect(vendorApiQuery({ industryField: ['chips_software', 'embodied_robotics'] }).industryField).toBe(
      'chips_software,embodied_robotics',
    );
  });
});

describe('helpers', () => {
  it('converts budgets between yuan (URL, API) and 万元 (inputs)', () => {
    expect(yuanToWan(800_000)).toBe(80);
    expect(yuanToWan(undefined)).toBeUndefined();
    expect(wanToYuan(80.5)).toBe(805_000);
    expect(wanToYuan(null)).toBeUndefined();
    expect(wanToYuan(-1)).toBeUndefined();
  });

  it('toggles codes and tells whether any filter is set', () => {
    expect(toggleCode(['a', 'b'], 'a')).toEqual(['b']);
    expect(toggleCode(undefined, 'a')).toEqual(['a']);
    expect(hasAnyValue(SCENARIO_FILTERS, { sort: 'newest' }, ['sort'])).toBe(false);
    expect(hasAnyValue(SCENARIO_FILTERS, { domain: ['manufacturing'] })).toBe(true);
    expect(isEmptyValue([])).toBe(true);
    expect(isEmptyValue(0)).toBe(false);
  });
});
