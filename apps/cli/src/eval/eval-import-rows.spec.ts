import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateUscc } from '@app/identity';
import { duplicateErrors, validateScenarioRow, validateVendorRow } from '@app/imports';
import { evalUscc, toImportRows } from './eval-import-rows';
import type { EvalScenario, EvalVendor } from './eval-metrics';

const DIR = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'matching-eval');
const load = <T>(name: string): T => JSON.parse(readFileSync(join(DIR, name), 'utf8')) as T;

describe('eval files → import rows', () => {
  const scenarios = load<EvalScenario[]>('scenarios.json');
  const vendors = load<EvalVendor[]>('vendors.json');
  const now = new Date();
  const { scenarioRows, vendorRows } = toImportRows(scenarios, vendors, now);

  it('generates valid, distinct USCCs per key', () => {
    const codes = vendors.map((v) => evalUscc(v.key));
    expect(codes.every((c) => validateUscc(c).valid)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect(validateUscc(evalUscc('agency', '1')).valid).toBe(true);
  });

  it('makes every labelled scenario a complete, publishable import row', async () => {
    for (const [i, values] of scenarioRows.entries()) {
      const r = await validateScenarioRow(
        { row: i + 1, values: values as Record<string, unknown> },
        { now, publish: true, agenciesByName: new Map(), defaultAgencyId: '7b0b1d9e-3c4f-4a53-9f61-0f3c2b1a0d11' },
      );
      expect(['errors' in r ? r.errors : [], values.key]).toEqual([[], values.key]);
    }
  });

  it('makes every labelled vendor a valid new-vendor import row', async () => {
    const rows = vendorRows.map((values, i) => ({ row: i + 1, values: values as Record<string, unknown> }));
    expect(duplicateErrors(rows, 'uscc')).toEqual([]);
    for (const row of rows) {
      const r = await validateVendorRow(row, { now, byUscc: new Map(), vendorsByName: new Map() });
      expect(['errors' in r ? r.errors : [], row.values.key]).toEqual([[], row.values.key]);
    }
  });
});
