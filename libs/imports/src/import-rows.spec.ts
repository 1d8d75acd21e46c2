import { caseFromText, duplicateErrors, parseKpis, validateScenarioRow, validateVendorRow } from './import-rows';

const NOW = new Date('2026-11-24T00:00:00Z');
const AGENCY = '7b0b1d9e-3c4f-4a53-9f61-0f3c2b1a0d11';
const scenarioCtx = (publish = false) => ({
  now: NOW,
  publish,
  agenciesByName: new Map([
    ['湖州市经济和信息化局', [AGENCY]],
    ['重名局', ['a', 'b']],
  ]),
  defaultAgencyId: null,
});
const vendorCtx = { now: NOW, byUscc: new Map(), vendorsByName: new Map() };

const scenario = (values: Record<string, unknown>) => ({
  row: 7,
  values: { title: '童装面料瑕疵检测', domain: 'manufacturing', agency: '湖州市经济和信息化局', ...values },
});

const fieldsOf = (r: { errors?: { field: string; rule: string }[] }) =>
  (r.errors ?? []).map((e) => `${e.field}:${e.rule}`);

describe('scenario rows', () => {
  it('accepts a minimal draft row and names its agency', async () => {
    const r = await validateScenarioRow(scenario({ capabilities: ['cv_inspection'] }), scenarioCtx());
    expect('ok' in r && r.ok).toMatchObject({
      row: 7,
      agencyOrganisationId: AGENCY,
      dto: { capabilityCodes: ['cv_inspection'] },
    });
  });

  it('names the row and the column of each problem, as the import format calls it', async () => {
    const r = await validateScenarioRow(
      scenario({
        capabilities: ['cv_inspection', 'mind_reading'],
        sector: 'fishery',
        budgetMin: 2_000_000,
        budgetMax: 1_000_000,
        trlRequired: 'high',
        contactEmail: 'not-an-email',
        contactName: '李',
        contactPhone: '0572-1234567',
      }),
      scenarioCtx(),
    );
    expect('errors' in r && r.errors.every((e) => e.row === 7)).toBe(true);
    expect(fieldsOf(r as never)).toEqual([
      'capabilities[1]:import.unknown_code',
      'trlRequired:max',
      'trlRequired:min',
      'trlRequired:isInt',
      'contactEmail:isEmail',
    ]);
    // Cross-field rules once the shapes are right.
    const r2 = await validateScenarioRow(
      scenario({ sector: 'fishery', budgetMin: 2_000_000, budgetMax: 1_000_000 }),
      scenarioCtx(),
    );
    expect(fieldsOf(r2 as never)).toEqual(['budgetMin:scenario.budget_range', 'sector:scenario.sector_domain']);
  });

  it('refuses unknown, ambiguous or missing agencies', async () => {
    expect(fieldsOf((await validateScenarioRow(scenario({ agency: '不存在局' }), scenarioCtx())) as never)).toEqual([
      'agency:import.agency_unknown',
    ]);
    expect(fieldsOf((await validateScenarioRow(scenario({ agency: '重名局' }), scenarioCtx())) as never)).toEqual([
      'agency:import.agency_ambiguous',
    ]);
    expect(fieldsOf((await validateScenarioRow(scenario({ agency: undefined }), scenarioCtx())) as never)).toEqual([
      'agency:import.agency_required',
    ]);
  });

  it('with publish, applies every submission rule (required fields, deadline in the future)', async () => {
    const r = await validateScenarioRow(scenario({ proposalDeadline: '2026-01-01T00:00:00Z' }), scenarioCtx(true));
    const fields = fieldsOf(r as never);
    expect(fields).toEqual(
      expect.arrayContaining([
        'summary:scenario.required',
        'contactName:scenario.required',
        'dataSecurityLevel:scenario.required',
        'kpis:scenario.kpi_required',
        'proposalDeadline:scenario.deadline_past',
      ]),
    );
  });

  it('reads KPIs as JSON text, objects or metric:target[:unit] items', () => {
    expect(parseKpis('检出率:99:%|误报率：2')).toEqual({
      kpis: [
        { metric: '检出率', baseline: '', target: '99', unit: '%' },
        { metric: '误报率', baseline: '', target: '2', unit: '' },
      ],
    });
    expect(parseKpis('[{"metric":"a","target":"1"}]')).toEqual({
      kpis: [{ metric: 'a', baseline: '', target: '1', unit: '' }],
    });
    expect(parseKpis('just text')).toEqual({ error: true });
    expect(parseKpis('[broken')).toEqual({ error: true });
  });
});

describe('vendor rows', () => {
  const vendor = (values: Record<string, unknown>) => ({
    row: 3,
    values: {
      name: '湖州测试视觉有限公司',
      uscc: '91330522MA2C7K8L9M',
      registeredDistrict: 'wuxing',
      contactName: '周经理',
      contactPhone: '0572-1112233',
      contactEmail: 'zhou@example.cn',
      description: '面料疵点检测',
      domains: ['manufacturing'],
      capabilities: ['cv_inspection'],
      ...values,
    },
  });

  it('accepts a new vendor (organisation as a registration would be validated) and text cases', async () => {
    const r = await validateVendorRow(vendor({ pastCases: ['织里某企业验布'] }), vendorCtx);
    expect('ok' in r && r.ok).toMatchObject({
      existingId: null,
      organisation: { nameZh: '湖州测试视觉有限公司', districtCode: 'wuxing' },
      profile: { pastCases: [{ title: '织里某企业验布', client: '未注明', year: 2026, outcome: '' }] },
    });
  });

  it('names the column of each problem (unknown codes by index, USCC rules, DTO rules)', async () => {
    const r = await validateVendorRow(
      vendor({
        capabilities: ['cv_inspection', 'mind_reading'],
        uscc: '91330522MA2C7K8L9X',
        trl: 12,
        typicalBudgetMin: 9,
        typicalBudgetMax: 1,
      }),
      vendorCtx,
    );
    expect(fieldsOf(r as never)).toEqual(['trl:max', 'uscc:uscc.check_character']);
    const r2 = await validateVendorRow(
      vendor({ capabilities: ['cv_inspection', 'mind_reading'], typicalBudgetMin: 9, typicalBudgetMax: 1 }),
      vendorCtx,
    );
    expect(fieldsOf(r2 as never)).toEqual([
      'capabilities[1]:vendor.unknown_capability',
      'typicalBudgetMin:vendor.budget_range',
    ]);
  });

  it('updates a verified vendor found by USCC; refuses other organisation types and unverified vendors', async () => {
    const byUscc = new Map([['91330522MA2C7K8L9M', { id: 'org-1', type: 'vendor', status: 'verified', nameZh: 'x' }]]);
    const r = await validateVendorRow(vendor({ contactName: undefined }), { ...vendorCtx, byUscc });
    expect('ok' in r && r.ok.existingId).toBe('org-1');
    const agency = new Map([['91330522MA2C7K8L9M', { id: 'org-2', type: 'agency', status: 'verified', nameZh: 'x' }]]);
    expect(fieldsOf((await validateVendorRow(vendor({}), { ...vendorCtx, byUscc: agency })) as never)).toEqual([
      'uscc:import.organisation_not_vendor',
    ]);
    const pending = new Map([['91330522MA2C7K8L9M', { id: 'org-3', type: 'vendor', status: 'pending', nameZh: 'x' }]]);
    expect(fieldsOf((await validateVendorRow(vendor({}), { ...vendorCtx, byUscc: pending })) as never)).toEqual([
      'uscc:import.organisation_not_verified',
    ]);
  });

  it('needs the organisation fields for a new vendor', async () => {
    const r = await validateVendorRow(vendor({ contactEmail: undefined, registeredDistrict: 'moon' }), vendorCtx);
    expect(fieldsOf(r as never)).toEqual([
      'registeredDistrict:import.unknown_code',
      'contactEmail:isEmail',
      'contactEmail:maxLength',
      'contactEmail:isString',
    ]);
  });

  it('shortens long text cases to a 200-character title, keeping the whole text as the outcome', () => {
    const long = '案'.repeat(250);
    const c = caseFromText(long, 2026);
    expect(Array.from(c.title)).toHaveLength(200);
    expect(c.outcome).toBe(long);
  });

  it('reports values repeated across rows', () => {
    const rows = [
      { row: 2, values: { uscc: 'a1' } },
      { row: 3, values: { uscc: 'A1' } },
    ];
    expect(duplicateErrors(rows, 'uscc', (u) => u.toUpperCase())).toEqual([
      { row: 3, field: 'uscc', rule: 'import.duplicate_in_file', params: { otherRow: 2, value: 'A1' } },
    ]);
  });
});
