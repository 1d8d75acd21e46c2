import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import {
  diffDto,
  emptyFormValues,
  formToDto,
  heldBackFields,
  omit,
  pick,
  rebaseOnConflict,
  SCENARIO_DTO_FIELDS,
  sameValue,
  scenarioToForm,
} from './formMapping';
import { sampleScenario } from './testData';

describe('scenarioToForm / formToDto', () => {
  it('gives back every field of a scenario unchanged (the DTO of what the API returned)', () => {
    const s = sampleScenario();
    const dto = formToDto(scenarioToForm(s));
    expect(Object.keys(dto).sort()).toEqual([...SCENARIO_DTO_FIELDS].sort());
    expect(dto).toMatchObject({
      title: s.title,
      domain: s.domain,
      sector: s.sector,
      kpis: s.kpis,
      dataResources: s.dataResources,
      compliance: s.compliance,
      contact: s.contact,
      budgetMinYuan: 800000,
      proposalDeadline: '2027-01-08T01:00:00.000Z',
      titleEn: null,
    });
  });

  it('names form fields like the API JSON (deadline as a Dayjs, empty selects undefined)', () => {
    const form = scenarioToForm(sampleScenario({ sector: null, district: null, fundingType: null }));
    expect(dayjs.isDayjs(form.proposalDeadline)).toBe(true);
    expect(form.sector).toBeUndefined();
    expect(form.district).toBeUndefined();
    expect(form.kpis?.[0]).toEqual({ metric: '缺陷检出率', baseline: '95', target: '99.5', unit: '%' });
  });

  it('turns empty inputs into null (clearing them) and leaves out an empty title or domain', () => {
    const dto = formToDto({ ...emptyFormValues(), title: '  ', summary: '', budgetMinYuan: null, sector: undefined });
    expect(dto).not.toHaveProperty('title');
    expect(dto).not.toHaveProperty('domain');
    expect(dto.summary).toBeNull();
    expect(dto.budgetMinYuan).toBeNull();
    expect(dto.sector).toBeNull();
    expect(dto.capabilityCodes).toEqual([]);
  });

  it('sends compliance only once touched, and a contact only once something is typed', () => {
    const untouched = formToDto(emptyFormValues());
    expect(untouched.compliance).toBeNull();
    expect(untouched.contact).toBeNull();
    const touched = formToDto({
      ...emptyFormValues(),
      compliance: { dataSecurityLevel: 'important', personalInformation: true },
      contact: { name: '李联系' },
    });
    expect(touched.compliance).toEqual({
      algorithmFiling: false,
      generativeAiFiling: false,
      dataSecurityLevel: 'important',
      personalInformation: true,
    });
    expect(touched.contact).toEqual({ name: '李联系', phone: '', email: '', public: false });
  });

  it('keeps half-filled list rows in place so API errors keep their index', () => {
    const dto = formToDto({ ...emptyFormValues(), kpis: [{ metric: 'a', target: '1' }, {}, { metric: 'c' }] });
    expect(dto.kpis).toHaveLength(3);
    expect(dto.kpis?.[2]).toEqual({ metric: 'c', baseline: '', target: '', unit: '' });
  });

  it('writes the deadline as an ISO instant', () => {
    const at = dayjs('2027-01-15T17:00:00+08:00');
    expect(formToDto({ ...emptyFormValues(), proposalDeadline: at }).proposalDeadline).toBe('2027-01-15T09:00:00.000Z');
  });
});

describe('diffDto', () => {
  it('returns only the fields that changed', () => {
    const saved = formToDto(scenarioToForm(sampleScenario()));
    const current = {
      ...saved,
      summary: '新的简介',
      kpis: [...(saved.kpis ?? []), { metric: 'b', baseline: '', target: '2', unit: '' }],
    };
    expect(Object.keys(diffDto(saved, current)).sort()).toEqual(['kpis', 'summary']);
    expect(diffDto(saved, { ...saved })).toEqual({});
  });

  it('ignores key order inside objects', () => {
    expect(sameValue({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
  });

  it('cannot clear the title: a blank title is not a change', () => {
    const saved = formToDto(scenarioToForm(sampleScenario()));
    const current = formToDto({ ...scenarioToForm(sampleScenario()), title: '' });
    expect(diffDto(saved, current)).toEqual({});
  });

  it('pick and omit select fields of a DTO', () => {
    const dto = { title: 'a', summary: 'b', sector: null };
    expect(pick(dto, ['title', 'sector'])).toEqual({ title: 'a', sector: null });
    expect(omit(dto, ['title'])).toEqual({ summary: 'b', sector: null });
  });
});

describe('heldBackFields', () => {
  it('holds back groups the API would refuse as a whole', () => {
    const dto = formToDto({
      ...emptyFormValues(),
      kpis: [{ metric: '检出率', target: '' }],
      dataResources: [{ name: '' }],
      compliance: { personalInformation: true },
      contact: { name: '王', phone: 'abc', email: 'x@y.cn' },
    });
    expect(heldBackFields(dto).sort()).toEqual(['compliance', 'contact', 'dataResources', 'kpis']);
  });

  it('lets complete groups and cleared groups through', () => {
    expect(heldBackFields(formToDto(scenarioToForm(sampleScenario())))).toEqual([]);
    expect(heldBackFields(formToDto(emptyFormValues()))).toEqual([]);
  });
});

describe('rebaseOnConflict', () => {
  it("keeps the user's own changes on top of the newest version and takes the rest from it", () => {
    const read = sampleScenario({ version: 3 });
    const baseline = formToDto(scenarioToForm(read));
    const typed = { ...scenarioToForm(read), summary: '我改了简介' };
    const newest = sampleScenario({ version: 5, budgetMaxYuan: 2000000, summary: '别人改的简介也在' });
    const { values, baseline: next, mine } = rebaseOnConflict(baseline, typed, newest);
    expect(mine).toEqual(['summary']);
    expect(values.summary).toBe('我改了简介');
    expect(values.budgetMaxYuan).toBe(2000000);
    expect(diffDto(next, formToDto(values))).toEqual({ summary: '我改了简介' });
  });
});
