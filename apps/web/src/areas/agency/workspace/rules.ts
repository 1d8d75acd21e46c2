import type { Role } from '../../../auth/types';
import {
  diffDto,
  formToDto,
  pick,
  scenarioToForm,
  SCENARIO_DTO_FIELDS,
  type ScenarioFormValues,
} from '../editor/formMapping';
import type {
  AcceptanceRoundView,
  AcceptanceVerdict,
  MilestoneChangeView,
  MilestoneView,
  ScenarioDto,
  ScenarioDtoField,
  ScenarioStatus,
  ScenarioView,
} from '../types';

export const WORKSPACE_TABS = ['overview', 'questions', 'amendments', 'proposals', 'delivery', 'acceptance'] as const;
export type WorkspaceTab = (typeof WORKSPACE_TABS)[number];

/** Statuses of a scenario that is (or was) on the public list. */
export const PUBLIC_STATUSES: readonly ScenarioStatus[] = [
  'published',
  'closed',
  'under_evaluation',
  'awarded',
  'no_award',
  'in_delivery',
  'accepted',
  'demonstration',
];
const DELIVERY_STATUSES: readonly ScenarioStatus[] = ['in_delivery', 'accepted', 'demonstration'];

/** The workspace tabs that mean something for a scenario in `status`. */
export function workspaceTabs(status: ScenarioStatus): WorkspaceTab[] {
  const tabs: WorkspaceTab[] = ['overview'];
  const isPublic = PUBLIC_STATUSES.includes(status);
  if (isPublic) tabs.push('questions', 'amendments', 'proposals');
  if (DELIVERY_STATUSES.includes(status)) tabs.push('delivery', 'acceptance');
  return tabs;
}

export const canSubmit = (status: ScenarioStatus) => status === 'draft' || status === 'returned';
export const canWithdraw = (status: ScenarioStatus) => ['draft', 'submitted', 'returned', 'approved'].includes(status);
/** Only the agency's admin cancels, and only a published scenario. */
export const canCancel = (status: ScenarioStatus, role: Role | null) =>
  status === 'published' && role === 'agency_admin';
/** The owning agency answers (and revises answers) while published or closed. */
export const canAnswer = (status: ScenarioStatus) => status === 'published' || status === 'closed';
export const canAmend = (status: ScenarioStatus) => status === 'published';
export const canRecordAcceptance = (status: ScenarioStatus) => status === 'in_delivery';

/** Fields an amendment may change: every field of the workspace but the domain. */
export const AMENDABLE_FIELDS: readonly ScenarioDtoField[] = SCENARIO_DTO_FIELDS.filter((f) => f !== 'domain');

/** Changing one of these is a material amendment (MATERIAL_AMENDMENT_FIELDS). */
export const MATERIAL_FIELDS: readonly ScenarioDtoField[] = [
  'budgetMinYuan',
  'budgetMaxYuan',
  'fundingType',
  'proposalDeadline',
  'kpis',
  'capabilityCodes',
  'trlRequired',
  'compliance',
  'dataResources',
  'site',
  'expectedDeliveryMonths',
  'sector',
];

export const isMaterial = (fields: readonly string[]) =>
  fields.some((f) => (MATERIAL_FIELDS as readonly string[]).includes(f));

/**
 * The `changes` of an amendment: of the chosen fields, those whose value differs from the scenario's.
 * Empty when nothing changes (the API refuses that).
 */
export function amendmentChanges(
  scenario: ScenarioView,
  values: ScenarioFormValues,
  chosen: readonly ScenarioDtoField[],
): ScenarioDto {
  const before = pick(formToDto(scenarioToForm(scenario)), chosen);
  const after = pick(formToDto(values), chosen);
  return diffDto(before, after);
}

/** The round in which verdicts are recorded now, if any. */
export function openRound(rounds: AcceptanceRoundView[]): AcceptanceRoundView | null {
  return rounds.find((r) => r.status === 'open') ?? null;
}

export function agencyVerdict(round: AcceptanceRoundView | null) {
  return round?.verdicts.find((v) => v.party === 'agency') ?? null;
}

/** Comments are required unless the verdict is met. */
export const verdictNeedsComments = (verdict: AcceptanceVerdict | undefined) => !!verdict && verdict !== 'met';

export function openChange(m: MilestoneView): MilestoneChangeView | null {
  return m.changes.find((c) => c.status === 'proposed') ?? null;
}

/** What the agency may do with a milestone now. */
export function milestoneActions(m: MilestoneView, scenarioStatus: ScenarioStatus) {
  const active = scenarioStatus === 'in_delivery';
  const pendingChange = openChange(m);
  return {
    confirm: active && m.status === 'reported',
    return: active && m.status === 'reported',
    proposeChange: active && m.status !== 'completed' && !pendingChange,
    answerChange: active && !!pendingChange && pendingChange.proposedByParty === 'vendor',
    awaitingVendor: !!pendingChange && pendingChange.proposedByParty === 'agency',
  };
}

/** The path of a scenario on the public site (the opportunity list's detail page). */
export function publicPath(s: Pick<ScenarioView, 'code' | 'id'>): string {
  return `/scenarios/${encodeURIComponent(s.code ?? s.id)}`;
}
