import { normaliseFilters, savedSearchViolations } from './saved-search.service';
import { listQueryOf } from './saved-search.views';

describe('saved search filters', () => {
  it('keeps only given list filters, lists de-duplicated and sorted', () => {
    expect(
      normaliseFilters({
        q: '瑕疵',
        domain: ['manufacturing', 'agriculture', 'manufacturing'],
        capability: [],
        sector: undefined,
        budgetMin: 0,
      }),
    ).toEqual({ q: '瑕疵', domain: ['agriculture', 'manufacturing'], budgetMin: 0 });
  });

  it('needs at least one filter and a budget range that is one', () => {
    expect(savedSearchViolations({})).toEqual([{ field: 'filters', rule: 'savedSearchFiltersEmpty' }]);
    expect(savedSearchViolations({ budgetMin: 10, budgetMax: 5 })).toEqual([
      { field: 'filters.budgetMin', rule: 'savedSearchBudgetRange' },
    ]);
    expect(savedSearchViolations({ budgetMin: 5, budgetMax: 5 })).toEqual([]);
  });

  it('gives the same filters as the public list query string', () => {
    expect(listQueryOf({ q: '无人机 巡检', district: ['wuxing', 'nanxun'], budgetMax: 1000000 })).toBe(
      'q=%E6%97%A0%E4%BA%BA%E6%9C%BA+%E5%B7%A1%E6%A3%80&district=wuxing%2Cnanxun&budgetMax=1000000',
    );
  });
});
