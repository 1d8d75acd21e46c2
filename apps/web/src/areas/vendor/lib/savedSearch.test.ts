import dayjs from 'dayjs';
import { cleanFilters, filtersToForm, formToFilters, hasFilters, parseListQuery, toListQuery } from './savedSearch';

describe('saved search filters', () => {
  it('reads the list query: comma lists, repeated keys, numbers; ignores paging and sort', () => {
    expect(
      parseListQuery(
        '?q=%E7%91%95%E7%96%B5&domain=manufacturing,transport&district=wuxing&district=anji&trl=7&sort=deadline&cursor=x&budgetMin=abc',
      ),
    ).toEqual({ q: '瑕疵', domain: ['manufacturing', 'transport'], district: ['wuxing', 'anji'], trl: 7 });
  });

  it('writes the same query string the API gives as listQuery, and reads it back', () => {
    const filters = {
      q: '童装',
      domain: ['manufacturing'],
      capability: ['defect_detection', 'ocr'],
      budgetMax: 500000,
    };
    const qs = toListQuery(filters);
    expect(qs).toBe('q=%E7%AB%A5%E8%A3%85&domain=manufacturing&capability=defect_detection%2Cocr&budgetMax=500000');
    expect(parseListQuery(qs)).toEqual(filters);
  });

  it('drops empty values and knows when nothing is left', () => {
    expect(cleanFilters({ q: '  ', domain: [], sector: undefined, trl: 5 })).toEqual({ trl: 5 });
    expect(hasFilters({ q: ' ', district: [] })).toBe(false);
    expect(hasFilters({ batch: 'b' })).toBe(true);
  });

  it('maps deadlines between calendar days and date pickers', () => {
    const form = filtersToForm({ q: 'AGV', deadlineFrom: '2026-12-01' });
    expect(form.deadlineFrom?.format('YYYY-MM-DD')).toBe('2026-12-01');
    expect(form.deadlineTo).toBeNull();
    expect(formToFilters({ ...form, name: '叉车', deadlineTo: dayjs('2027-01-31') })).toEqual({
      q: 'AGV',
      deadlineFrom: '2026-12-01',
      deadlineTo: '2027-01-31',
    });
  });
});
