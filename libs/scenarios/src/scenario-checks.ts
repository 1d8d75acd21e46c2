import type { FieldViolation } from '@app/common';
import { findTerm } from '@app/taxonomy';
import type { ScenarioEntity } from './scenario.entity';

/** Fields that must be filled before a scenario can be submitted for vetting. */
export const REQUIRED_FOR_SUBMISSION = [
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
] as const satisfies readonly (keyof ScenarioEntity)[];

const isEmpty = (v: unknown) =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

export function missingFields(s: ScenarioEntity): string[] {
  return REQUIRED_FOR_SUBMISSION.filter((f) => f !== 'kpis' && isEmpty(s[f]));
}

/** Everything that stops `s` from being submitted at `now`, one violation per field and rule. */
export function submissionViolations(s: ScenarioEntity, now: Date): FieldViolation[] {
  const out: FieldViolation[] = missingFields(s).map((field) => ({ field, rule: 'scenario.required' }));
  if (s.kpis.length === 0) out.push({ field: 'kpis', rule: 'scenario.kpi_required' });
  if (s.budgetMinYuan !== null && s.budgetMaxYuan !== null && s.budgetMinYuan > s.budgetMaxYuan) {
    out.push({ field: 'budgetMinYuan', rule: 'scenario.budget_range' });
  }
  if (s.proposalDeadline && s.proposalDeadline.getTime() <= now.getTime()) {
    out.push({ field: 'proposalDeadline', rule: 'scenario.deadline_past' });
  }
  if (s.sector && findTerm('sector', s.sector)?.parentCode !== s.domain) {
    out.push({ field: 'sector', rule: 'scenario.sector_domain' });
  }
  return out;
}

/** Capabilities that make a scenario a generative-AI service (生成式AI备案 needed). */
export const GENERATIVE_AI_CAPABILITIES: readonly string[] = ['generative_design', 'llm_assistant', 'digital_human'];

export const BUDGET_CEILING_YUAN = 100_000_000;
export const BUDGET_MAX_RATIO = 10;

export interface DuplicateCandidate {
  id: string;
  code: string | null;
  title: string;
  status: string;
  similarity: number;
}

export interface VettingChecklist {
  completeness: { ok: boolean; missing: string[]; weak: string[] };
  budget: { ok: boolean; issues: string[] };
  compliance: { ok: boolean; issues: string[] };
  duplicates: DuplicateCandidate[];
}

/** The rule-based part of the vetting checklist (duplicates come from the database). */
export function vettingChecks(s: ScenarioEntity): Omit<VettingChecklist, 'duplicates'> {
  const missing = [...missingFields(s), ...(s.kpis.length === 0 ? ['kpis'] : [])];
  const weak: string[] = [];
  if (s.summary && s.summary.trim().length < 30) weak.push('summary');
  if (s.description && s.description.trim().length < 100) weak.push('description');
  if (s.currentSituation && s.currentSituation.trim().length < 30) weak.push('currentSituation');
  if (s.kpis.some((k) => !k.baseline.trim())) weak.push('kpis');

  const budget: string[] = [];
  const { budgetMinYuan: min, budgetMaxYuan: max } = s;
  if (min !== null && max !== null && min > max) budget.push('min_exceeds_max');
  if (max !== null && max > BUDGET_CEILING_YUAN) budget.push('max_above_ceiling');
  if (min !== null && max !== null && min > 0 && max / min > BUDGET_MAX_RATIO) budget.push('range_too_wide');
  if (min === 0 && max !== null && max > 0) budget.push('range_too_wide');

  const compliance: string[] = [];
  const c = s.compliance;
  if (c?.personalInformation && c.dataSecurityLevel === 'general') compliance.push('personal_information_needs_level');
  if (s.capabilityCodes.some((code) => GENERATIVE_AI_CAPABILITIES.includes(code)) && c && !c.generativeAiFiling) {
    compliance.push('generative_ai_needs_filing');
  }
  return {
    completeness: { ok: missing.length === 0 && weak.length === 0, missing, weak },
    budget: { ok: budget.length === 0, issues: budget },
    compliance: { ok: compliance.length === 0, issues: compliance },
  };
}
