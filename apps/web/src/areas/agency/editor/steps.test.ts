import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client';
import { SCENARIO_DTO_FIELDS } from './formMapping';
import {
  EDITOR_STEPS,
  firstStepWithError,
  LAST_STEP,
  missingForSubmission,
  retargetApiError,
  retargetField,
  STEP_FIELDS,
  stepOfField,
  stepsWithErrors,
  topLevelFields,
} from './steps';

describe('which step holds a field', () => {
  it('puts every DTO field in exactly one step', () => {
    for (const field of SCENARIO_DTO_FIELDS) {
      const holders = EDITOR_STEPS.filter((s) => STEP_FIELDS[s].includes(field));
      expect(holders, field).toHaveLength(1);
    }
    expect(EDITOR_STEPS.flatMap((s) => STEP_FIELDS[s])).toHaveLength(SCENARIO_DTO_FIELDS.length);
  });

  it('finds the step of API paths and form name paths', () => {
    expect(stepOfField('title')).toBe(0);
    expect(stepOfField('sector')).toBe(0);
    expect(stepOfField('kpis.0.target')).toBe(1);
    expect(stepOfField('kpis[2].metric')).toBe(1);
    expect(stepOfField(['compliance', 'dataSecurityLevel'])).toBe(1);
    expect(stepOfField('budgetMaxYuan')).toBe(2);
    expect(stepOfField('proposalDeadline')).toBe(2);
    expect(stepOfField('contact.phone')).toBe(3);
    expect(stepOfField('changes.budgetMinYuan', 'changes')).toBe(2);
    expect(stepOfField('file')).toBe(LAST_STEP);
    expect(stepOfField('version')).toBeNull();
    expect(stepOfField('(body)')).toBeNull();
  });

  it('jumps to the earliest step with an error', () => {
    expect(firstStepWithError(['contact.email', 'kpis.1.metric', 'budgetMinYuan'])).toBe(1);
    expect(firstStepWithError([['contact', 'name'], ['privateFields']])).toBe(3);
    expect(firstStepWithError(['version'])).toBeNull();
  });

  it('lists the steps whose fields carry errors', () => {
    expect(
      stepsWithErrors([
        { name: ['title'], errors: [] },
        { name: ['contact', 'phone'], errors: ['格式不正确'] },
        { name: ['kpis', 0, 'target'], errors: ['请填写目标值'] },
      ]),
    ).toEqual([1, 3]);
  });
});

describe('API errors on groups', () => {
  it('moves an error on a whole group onto the control standing for it', () => {
    expect(retargetField('compliance')).toBe('compliance.dataSecurityLevel');
    expect(retargetField('contact')).toBe('contact.name');
    expect(retargetField('changes.contact', 'changes')).toBe('changes.contact.name');
    expect(retargetField('contact.phone')).toBe('contact.phone');
    expect(retargetField('kpis')).toBe('kpis');
  });

  it('rewrites the field errors of an ApiError and keeps the rest', () => {
    const error = new ApiError(400, 'COMMON_VALIDATION_FAILED', '请求有 2 处字段不符合要求', [
      { field: 'compliance', rule: 'scenario.required', message: '提交前必须填写' },
      { field: 'kpis.0.target', rule: 'isNotEmpty', message: '不能为空' },
    ]);
    const out = retargetApiError(error) as ApiError;
    expect(out).toBeInstanceOf(ApiError);
    expect(out.status).toBe(400);
    expect(out.fieldErrors.map((f) => f.field)).toEqual(['compliance.dataSecurityLevel', 'kpis.0.target']);
    expect(topLevelFields(error)).toEqual(['compliance', 'kpis']);
    expect(retargetApiError('boom')).toBe('boom');
  });
});

describe('missingForSubmission', () => {
  it('lists empty required fields in editor order, like the API', () => {
    expect(
      missingForSubmission({
        title: '标题',
        domain: 'manufacturing',
        kpis: [],
        compliance: { dataSecurityLevel: undefined },
        capabilityCodes: ['cv_inspection'],
        summary: '  ',
      }),
    ).toEqual([
      'sector',
      'district',
      'summary',
      'description',
      'currentSituation',
      'site',
      'kpis',
      'trlRequired',
      'compliance',
      'budgetMinYuan',
      'budgetMaxYuan',
      'fundingType',
      'proposalDeadline',
      'expectedDeliveryMonths',
      'contact',
    ]);
  });
});
