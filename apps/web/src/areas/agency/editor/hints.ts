import type { ScenarioFormValues } from './formMapping';

/** Capabilities that make a scenario a generative-AI service (libs/scenarios/src/scenario-checks.ts). */
export const GENERATIVE_AI_CAPABILITIES: readonly string[] = ['generative_design', 'llm_assistant', 'digital_human'];
export const BUDGET_CEILING_YUAN = 100_000_000;
export const BUDGET_MAX_RATIO = 10;

export type VettingHint = 'generativeNeedsFiling' | 'personalInfoLevel' | 'budgetAboveCeiling' | 'budgetRangeWide';

/**
 * What the centre's vetting checklist will flag (not errors: the API accepts them, staff may return
 * the scenario for them), so the agency can fix them before submitting.
 */
export function vettingHints(v: ScenarioFormValues): VettingHint[] {
  const out: VettingHint[] = [];
  const c = v.compliance ?? {};
  if ((v.capabilityCodes ?? []).some((code) => GENERATIVE_AI_CAPABILITIES.includes(code)) && !c.generativeAiFiling)
    out.push('generativeNeedsFiling');
  if (c.personalInformation && c.dataSecurityLevel === 'general') out.push('personalInfoLevel');
  const min = v.budgetMinYuan ?? null;
  const max = v.budgetMaxYuan ?? null;
  if (max !== null && max > BUDGET_CEILING_YUAN) out.push('budgetAboveCeiling');
  if (min !== null && max !== null && ((min > 0 && max / min > BUDGET_MAX_RATIO) || (min === 0 && max > 0)))
    out.push('budgetRangeWide');
  return out;
}
