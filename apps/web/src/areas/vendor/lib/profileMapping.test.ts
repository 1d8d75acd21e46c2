import dayjs from 'dayjs';
import type { VendorProfileView } from '../types';
import { formToProfileDto, PROFILE_DTO_FIELDS, profileToForm } from './profileMapping';

const view: VendorProfileView = {
  organisationId: 'org-1',
  nameZh: '诺力智能装备股份有限公司',
  nameEn: null,
  districtCode: 'changxing',
  organisationStatus: 'verified',
  listed: true,
  domains: ['manufacturing'],
  capabilityCodes: ['amr_agv', 'smart_warehousing'],
  industryFields: ['embodied_robotics'],
  districts: ['changxing', 'citywide'],
  description: '## 智能物流装备',
  descriptionHtml: '<h3>智能物流装备</h3>',
  products: [{ name: '无人叉车', description: '1.5–3吨', url: null }],
  pastCases: [
    {
      title: '成品库改造',
      client: '长兴某企业',
      year: 2024,
      outcome: '人工减少60%',
      scenarioId: null,
      verified: false,
    },
    { title: '货到人拣选', client: '物流园区', year: 2025, outcome: '效率提升', scenarioId: 'sc-1', verified: true },
  ],
  certifications: [{ name: 'ISO 9001', issuer: 'CQC', validUntil: '2027-06-30' }],
  teamSize: 320,
  trl: 9,
  typicalBudgetMinYuan: 800000,
  typicalBudgetMaxYuan: 6000000,
  createdAt: '2026-11-24T00:00:00Z',
  updatedAt: '2026-11-24T00:00:00Z',
  version: 3,
};

describe('profile form ⇄ PUT DTO', () => {
  it('round-trips a stored profile into the same PUT body, with the version read', () => {
    const dto = formToProfileDto(profileToForm(view), view.version);
    expect(dto).toEqual({
      domains: ['manufacturing'],
      capabilityCodes: ['amr_agv', 'smart_warehousing'],
      industryFields: ['embodied_robotics'],
      districts: ['changxing', 'citywide'],
      description: '## 智能物流装备',
      products: [{ name: '无人叉车', description: '1.5–3吨', url: null }],
      pastCases: [
        { title: '成品库改造', client: '长兴某企业', year: 2024, outcome: '人工减少60%', scenarioId: null },
        { title: '货到人拣选', client: '物流园区', year: 2025, outcome: '效率提升', scenarioId: 'sc-1' },
      ],
      certifications: [{ name: 'ISO 9001', issuer: 'CQC', validUntil: '2027-06-30' }],
      teamSize: 320,
      trl: 9,
      typicalBudgetMinYuan: 800000,
      typicalBudgetMaxYuan: 6000000,
      version: 3,
    });
  });

  it('sends every DTO field, even when the form left it empty', () => {
    const dto = formToProfileDto({});
    expect(Object.keys(dto).sort()).toEqual([...PROFILE_DTO_FIELDS].sort());
    expect(dto).toMatchObject({ domains: [], description: '', teamSize: null, trl: null, products: [] });
    expect(dto).not.toHaveProperty('version');
  });

  it('keeps half-filled rows in place so API errors by index land on them', () => {
    const dto = formToProfileDto({
      pastCases: [{ title: 'a', client: 'b', year: 2024, outcome: '' }, { title: 'c' }],
      products: [{ name: 'x', url: '  ' }],
      certifications: [{ name: 'n', issuer: 'i', validUntil: dayjs('2028-01-02') }],
    });
    expect(dto.pastCases[1]).toEqual({ title: 'c', client: '', year: null, outcome: '', scenarioId: null });
    expect(dto.products[0].url).toBeNull();
    expect(dto.certifications[0].validUntil).toBe('2028-01-02');
  });

  it('starts a new profile with empty lists', () => {
    expect(profileToForm(null)).toMatchObject({ domains: [], capabilityCodes: [], description: '' });
  });
});
