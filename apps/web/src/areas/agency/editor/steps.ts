import { ApiError } from '../../../api/client';
import { toNamePath } from '../../../api/form-errors';
import type { ScenarioDtoField } from '../types';

/** The editor's steps and the DTO fields each one holds (every field in exactly one step). */
export const EDITOR_STEPS = ['basics', 'requirements', 'budget', 'contact'] as const;
export type EditorStep = (typeof EDITOR_STEPS)[number];

export const STEP_FIELDS: Record<EditorStep, readonly ScenarioDtoField[]> = {
  basics: [
    'title',
    'titleEn',
    'domain',
    'sector',
    'capabilityCodes',
    'district',
    'summary',
    'summaryEn',
    'description',
  ],
  requirements: ['currentSituation', 'site', 'kpis', 'trlRequired', 'dataResources', 'compliance'],
  budget: ['budgetMinYuan', 'budgetMaxYuan', 'fundingType', 'proposalDeadline', 'expectedDeliveryMonths'],
  contact: ['contact', 'privateFields'],
};

/** The last step also holds attachments and the submission. */
export const LAST_STEP = EDITOR_STEPS.length - 1;

/**
 * The index of the step holding an API field (`kpis.0.target`, `contact.phone`, `changes.budgetMaxYuan`
 * with `stripPrefix: 'changes'`, or an Ant Design name path); null when no step holds it.
 */
export function stepOfField(field: string | (string | number)[], stripPrefix?: string): number | null {
  const path = typeof field === 'string' ? toNamePath(field, stripPrefix) : field;
  const top = path[0];
  if (top === 'file') return LAST_STEP;
  const index = EDITOR_STEPS.findIndex((s) => (STEP_FIELDS[s] as readonly unknown[]).includes(top));
  return index >= 0 ? index : null;
}

/** The first step (in step order) holding any of the fields; null if none does. */
export function firstStepWithError(fields: (string | (string | number)[])[], stripPrefix?: string): number | null {
  const steps = fields.map((f) => stepOfField(f, stripPrefix)).filter((s): s is number => s !== null);
  return steps.length ? Math.min(...steps) : null;
}

/**
 * Fields the API names that are groups in the form, moved to the control that stands for them: a
 * missing `compliance` onto its security level, a missing `contact` onto the contact's name.
 */
const RETARGET: Record<string, string> = {
  compliance: 'compliance.dataSecurityLevel',
  contact: 'contact.name',
};

export function retargetField(field: string, prefix?: string): string {
  const head = prefix && field.startsWith(`${prefix}.`) ? `${prefix}.` : '';
  const rest = field.slice(head.length);
  return RETARGET[rest] ? head + RETARGET[rest] : field;
}

/** The same error with its field errors retargeted (see `retargetField`). */
export function retargetApiError(error: unknown, prefix?: string): unknown {
  if (!(error instanceof ApiError) || !error.fieldErrors.length) return error;
  return new ApiError(
    error.status,
    error.code,
    error.message,
    error.fieldErrors.map((fe) => ({ ...fe, field: retargetField(fe.field, prefix) })),
    error.details,
  );
}

/** The top-level DTO fields an API error names (`kpis.0.target` → `kpis`). */
export function topLevelFields(error: unknown, stripPrefix?: string): string[] {
  if (!(error instanceof ApiError)) return [];
  const out = new Set<string>();
  for (const fe of error.fieldErrors) {
    const top = toNamePath(fe.field, stripPrefix)[0];
    if (typeof top === 'string') out.add(top);
  }
  return [...out];
}

/** Fields that must be filled before submission (libs/scenarios/src/scenario-checks.ts). */
export const REQUIRED_FOR_SUBMISSION: readonly ScenarioDtoField[] = [
  'title',
  'summary',
  'description',
  'domain',
  'sector',
  'capabilityCodes',
  'district',
  'site',
  'currentSituation',
  'kpis',
  'trlRequired',
  'compliance',
  'budgetMinYuan',
  'budgetMaxYuan',
  'fundingType',
  'proposalDeadline',
  'expectedDeliveryMonths',
  'contact',
];

const isEmptyValue = (v: unknown) =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** The required fields still empty in a DTO, in editor order (what the API would name on submit). */
export function missingForSubmission(dto: Partial<Record<ScenarioDtoField, unknown>>): ScenarioDtoField[] {
  const order = EDITOR_STEPS.flatMap((s) => STEP_FIELDS[s]);
  return order.filter(
    (f) =>
      REQUIRED_FOR_SUBMISSION.includes(f) &&
      (f === 'compliance'
        ? !(dto.compliance as { dataSecurityLevel?: string } | null | undefined)?.dataSecurityLevel
        : isEmptyValue(dto[f])),
  );
}

/** The steps holding a field with an error (from `form.getFieldsError()`), for the step indicator. */
export function stepsWithErrors(fields: { name: (string | number)[]; errors: string[] }[]): number[] {
  const out = new Set<number>();
  for (const f of fields) {
    if (!f.errors.length) continue;
    const step = stepOfField(f.name);
    if (step !== null) out.add(step);
  }
  return [...out].sort((a, b) => a - b);
}
