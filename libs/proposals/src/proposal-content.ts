import type { FieldViolation } from '@app/common';
import { huzhouDate } from '@app/common';

/** How the proposal meets one of the scenario's KPIs (`metric` names the scenario KPI). */
export interface KpiResponse {
  metric: string;
  approach: string;
  committedValue: string;
}

export interface TeamMember {
  name: string;
  role: string;
  qualifications: string;
}

export interface PriceItem {
  item: string;
  amountYuan: number;
}

export interface Milestone {
  title: string;
  /** `YYYY-MM-DD` (a calendar date, Beijing time). */
  dueDate: string;
  deliverables: string;
  /** Share of the price paid at this milestone; when any milestone has one, they sum to 100. */
  paymentPercent?: number;
}

export interface ProposalReference {
  client: string;
  project: string;
  year: number;
}

/**
 * A complete proposal (揭榜方案), as it is submitted and, after the deadline, opened. Sealed: it never
 * appears in events, audit records, logs, error parameters or search.
 */
export interface ProposalContent {
  /** Markdown. */
  technicalApproach: string;
  kpiResponses: KpiResponse[];
  team: TeamMember[];
  priceYuan: number;
  /** Sums to `priceYuan`. */
  priceBreakdown: PriceItem[];
  milestones: Milestone[];
  references: ProposalReference[];
  /** How the solution would be tried at the test ground; required when the scenario's site is the test ground. */
  trialPlan: string | null;
}

/** What a draft holds: like the content, but the price may still be missing. */
export type ProposalDraftContent = Omit<ProposalContent, 'priceYuan'> & { priceYuan: number | null };

export const PROPOSAL_CONTENT_FIELDS = [
  'technicalApproach',
  'kpiResponses',
  'team',
  'priceYuan',
  'priceBreakdown',
  'milestones',
  'references',
  'trialPlan',
] as const satisfies readonly (keyof ProposalContent)[];
export type ProposalContentField = (typeof PROPOSAL_CONTENT_FIELDS)[number];

export function emptyProposalContent(): ProposalDraftContent {
  return {
    technicalApproach: '',
    kpiResponses: [],
    team: [],
    priceYuan: null,
    priceBreakdown: [],
    milestones: [],
    references: [],
    trialPlan: null,
  };
}

/** Copies the content fields present in `changes` onto `content` (absent leaves as is; null clears). */
export function applyContentChanges(
  content: ProposalDraftContent,
  changes: Partial<Record<ProposalContentField, unknown>>,
): ProposalContentField[] {
  const changed: ProposalContentField[] = [];
  const empty = emptyProposalContent();
  for (const field of PROPOSAL_CONTENT_FIELDS) {
    const value = changes[field];
    if (value === undefined) continue;
    (content as unknown as Record<string, unknown>)[field] = value === null ? empty[field] : value;
    changed.push(field);
  }
  return changed;
}

/** The scenario facts the submission rules need. */
export interface ScenarioForSubmission {
  kpis: { metric: string }[];
  site: string | null;
}

const blank = (s: string | null | undefined) => !s || s.trim() === '';

/**
 * Everything that stops `c` from being submitted for `scenario` at `now`, one violation per field and
 * rule. Violations name fields and rules only (and the scenario's own KPI names): never content.
 */
export function submissionViolations(
  c: ProposalDraftContent,
  scenario: ScenarioForSubmission,
  now: Date,
): FieldViolation[] {
  const out: FieldViolation[] = [];
  const required = (field: string) => out.push({ field, rule: 'proposal.required' });

  if (blank(c.technicalApproach)) required('technicalApproach');

  const scenarioMetrics = scenario.kpis.map((k) => k.metric.trim());
  const answered = new Set<string>();
  c.kpiResponses.forEach((r, i) => {
    const metric = r.metric.trim();
    if (!scenarioMetrics.includes(metric))
      out.push({ field: `kpiResponses.${i}.metric`, rule: 'proposal.kpi_unknown' });
    else if (answered.has(metric)) out.push({ field: `kpiResponses.${i}.metric`, rule: 'proposal.kpi_duplicate' });
    answered.add(metric);
    if (blank(r.approach)) required(`kpiResponses.${i}.approach`);
    if (blank(r.committedValue)) required(`kpiResponses.${i}.committedValue`);
  });
  for (const metric of scenarioMetrics) {
    if (!answered.has(metric)) out.push({ field: 'kpiResponses', rule: 'proposal.kpi_unanswered', params: { metric } });
  }

  if (c.team.length === 0) required('team');

  if (c.priceYuan === null) required('priceYuan');
  if (c.priceBreakdown.length === 0) required('priceBreakdown');
  else if (c.priceYuan !== null) {
    const sum = c.priceBreakdown.reduce((total, p) => total + p.amountYuan, 0);
    if (sum !== c.priceYuan) out.push({ field: 'priceBreakdown', rule: 'proposal.price_breakdown_sum' });
  }

  if (c.milestones.length === 0) required('milestones');
  const today = huzhouDate(now);
  c.milestones.forEach((m, i) => {
    if (m.dueDate <= today) out.push({ field: `milestones.${i}.dueDate`, rule: 'proposal.milestone_past' });
    else if (i > 0 && m.dueDate < c.milestones[i - 1].dueDate) {
      out.push({ field: `milestones.${i}.dueDate`, rule: 'proposal.milestones_order' });
    }
  });
  const percents = c.milestones.map((m) => m.paymentPercent).filter((p): p is number => p !== undefined);
  if (percents.length > 0 && percents.reduce((a, b) => a + b, 0) !== 100) {
    out.push({ field: 'milestones', rule: 'proposal.payment_percent_sum' });
  }

  if (scenario.site === 'test_ground' && blank(c.trialPlan)) {
    out.push({ field: 'trialPlan', rule: 'proposal.trial_plan_required' });
  }
  return out;
}
