import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client';
import { importPath, rowErrorsOf } from './importRequest';

describe('importPath', () => {
  it('adds only the options that are on and apply', () => {
    expect(importPath({ kind: 'scenarios', dryRun: true, publish: false })).toBe('/imports/scenarios?dryRun=true');
    expect(importPath({ kind: 'scenarios', publish: true, agencyOrganisationId: 'a1' })).toBe(
      '/imports/scenarios?publish=true&agencyOrganisationId=a1',
    );
    expect(importPath({ kind: 'vendors', dryRun: false, publish: true, agencyOrganisationId: 'a1' })).toBe(
      '/imports/vendors',
    );
  });
});

describe('rowErrorsOf', () => {
  it('reads the import error report', () => {
    const error = ApiError.fromBody(422, {
      code: 'IMPORT_ROWS_INVALID',
      message: '2 errors',
      errors: [
        { row: 4, field: 'capabilities[1]', code: 'import.unknown_code', message: '未知能力代码' },
        { row: null, field: '(file)', code: 'import.more_errors', message: '还有 3 项' },
      ] as never,
    });
    expect(rowErrorsOf(error)).toEqual([
      { row: 4, field: 'capabilities[1]', code: 'import.unknown_code', message: '未知能力代码' },
      { row: null, field: '(file)', code: 'import.more_errors', message: '还有 3 项' },
    ]);
  });
});
