import fc from 'fast-check';
import { codesOf } from '@app/taxonomy';
import {
  isCalendarDate,
  VENDOR_CODED_FIELDS,
  type VendorProfileInput,
  vendorProfileViolations,
} from './vendor-profile.rules';

const NOW = new Date('2026-05-01T00:00:00Z');
const valid = (): VendorProfileInput => ({
  domains: ['manufacturing'],
  capabilityCodes: ['cv_inspection'],
  industryFields: ['chips_software'],
  districts: ['wuxing'],
  pastCases: [{ year: 2025, scenarioId: null }],
  certifications: [{ validUntil: '2027-06-30' }],
  typicalBudgetMinYuan: 100,
  typicalBudgetMaxYuan: 200,
});

describe('vendor profile rules', () => {
  it('accepts a valid profile, and one with only the required fields', () => {
    expect(vendorProfileViolations(valid(), NOW)).toEqual([]);
    expect(vendorProfileViolations({ domains: ['agriculture'], capabilityCodes: ['uav_drone'] }, NOW)).toEqual([]);
  });

  it('accepts any codes of the right taxonomy kind (property)', () => {
    const pick = (kind: Parameters<typeof codesOf>[0]) => fc.subarray(codesOf(kind));
    fc.assert(
      fc.property(
        pick('domain'),
        pick('capability'),
        pick('industry_field'),
        pick('district'),
        (domains, capabilityCodes, industryFields, districts) => {
          expect(vendorProfileViolations({ domains, capabilityCodes, industryFields, districts }, NOW)).toEqual([]);
        },
      ),
    );
  });

  it('names each unknown code by its field and index, with the code (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VENDOR_CODED_FIELDS),
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.nat({ max: 3 }),
        ({ field, kind, rule }, code, at) => {
          fc.pre(!codesOf(kind).includes(code));
          const known = codesOf(kind).slice(0, 3);
          const codes = [...known.slice(0, at), code, ...known.slice(at)];
          const input = { ...valid(), [field]: codes };
          expect(vendorProfileViolations(input, NOW)).toEqual([
            { field: `${field}[${Math.min(at, known.length)}]`, rule, params: { code } },
          ]);
        },
      ),
    );
  });

  it('does not take a sector or any other kind’s code as an industry field', () => {
    expect(vendorProfileViolations({ ...valid(), industryFields: ['textile'] }, NOW)).toEqual([
      { field: 'industryFields[0]', rule: 'vendor.unknown_industry_field', params: { code: 'textile' } },
    ]);
    expect(vendorProfileViolations({ ...valid(), domains: ['cv_inspection'] }, NOW)).toEqual([
      { field: 'domains[0]', rule: 'vendor.unknown_domain', params: { code: 'cv_inspection' } },
    ]);
  });

  it('wants the typical budget range ordered when both ends are given (property)', () => {
    fc.assert(
      fc.property(fc.option(fc.nat(), { nil: null }), fc.option(fc.nat(), { nil: null }), (min, max) => {
        const v = vendorProfileViolations({ ...valid(), typicalBudgetMinYuan: min, typicalBudgetMaxYuan: max }, NOW);
        const broken = min !== null && max !== null && min > max;
        expect(v).toEqual(broken ? [{ field: 'typicalBudgetMinYuan', rule: 'vendor.budget_range' }] : []);
      }),
    );
  });

  it('refuses cases from a later year than now in Huzhou, and a scenario linked twice', () => {
    const id = '4f6d0c3e-9d53-4f4e-8a55-0c2b4e6a9d10';
    const v = vendorProfileViolations(
      {
        ...valid(),
        pastCases: [
          { year: 2026, scenarioId: id },
          { year: 2027, scenarioId: null },
          { year: 2020, scenarioId: id.toUpperCase() },
        ],
      },
      NOW,
    );
    expect(v).toEqual([
      { field: 'pastCases[1].year', rule: 'vendor.case_year_future', params: { year: 2026 } },
      { field: 'pastCases[2].scenarioId', rule: 'vendor.case_scenario_duplicate' },
    ]);
  });

  it('takes only real calendar dates for certificates', () => {
    expect(['2027-06-30', '2028-02-29'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2027-02-29', '2027-13-01', '2027-6-30', '2027-06-31', ''].map(isCalendarDate)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(vendorProfileViolations({ ...valid(), certifications: [{ validUntil: '2027-02-30' }] }, NOW)).toEqual([
      { field: 'certifications[0].validUntil', rule: 'vendor.date' },
    ]);
  });
});
