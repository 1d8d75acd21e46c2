import dayjs, { type Dayjs } from 'dayjs';
import type { KpiResponse, ProposalContent, ScenarioKpi, UpdateProposalDto } from '../types';

/**
 * The proposal editor's values: the PATCH DTO's JSON shape, so the API's field paths
 * (`milestones.2.dueDate`, `kpiResponses.0.approach`, `priceBreakdown`) name form fields directly.
 */
export interface ProposalFormValues {
  technicalApproach?: string;
  kpiResponses?: { metric?: string; approach?: string; committedValue?: string }[];
  team?: { name?: string; role?: string; qualifications?: string }[];
  priceYuan?: number | null;
  priceBreakdown?: { item?: string; amountYuan?: number | null }[];
  milestones?: { title?: string; dueDate?: Dayjs | null; deliverables?: string; paymentPercent?: number | null }[];
  references?: { client?: string; project?: string; year?: number | null }[];
  trialPlan?: string;
}

/** A KPI row of the editor: the response and, when the scenario still has it, the KPI it answers. */
export interface KpiRow extends KpiResponse {
  kpi: ScenarioKpi | null;
}

/**
 * One response row per scenario KPI (in the scenario's order, matched by metric), then any stored
 * responses to metrics the scenario no longer has (after an amendment), so nothing typed is lost.
 */
export function kpiRows(responses: KpiResponse[], kpis: ScenarioKpi[]): KpiRow[] {
  const byMetric = new Map<string, KpiResponse>();
  for (const r of responses) if (!byMetric.has(r.metric.trim())) byMetric.set(r.metric.trim(), r);
  const rows: KpiRow[] = kpis.map((kpi) => {
    const r = byMetric.get(kpi.metric.trim());
    return { metric: kpi.metric, approach: r?.approach ?? '', committedValue: r?.committedValue ?? '', kpi };
  });
  const known = new Set(kpis.map((k) => k.metric.trim()));
  const used = new Set<string>();
  for (const r of responses) {
    const m = r.metric.trim();
    if (known.has(m) || used.has(m)) continue;
    used.add(m);
    rows.push({ ...r, kpi: null });
  }
  return rows;
}

const text = (v: string | null | undefined) => v ?? '';
const numberOrNull = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The form's values from the stored content and the scenario's KPIs. */
export function proposalToForm(content: ProposalContent, kpis: ScenarioKpi[]): ProposalFormValues {
  return {
    technicalApproach: content.technicalApproach ?? '',
    kpiResponses: kpiRows(content.kpiResponses ?? [], kpis).map(({ metric, approach, committedValue }) => ({
      metric,
      approach,
      committedValue,
    })),
    team: (content.team ?? []).map((m) => ({ ...m })),
    priceYuan: content.priceYuan,
    priceBreakdown: (content.priceBreakdown ?? []).map((p) => ({ ...p })),
    milestones: (content.milestones ?? []).map((m) => ({
      title: m.title,
      dueDate: m.dueDate ? dayjs(m.dueDate) : null,
      deliverables: m.deliverables,
      paymentPercent: m.paymentPercent ?? null,
    })),
    references: (content.references ?? []).map((r) => ({ ...r })),
    trialPlan: content.trialPlan ?? '',
  };
}

/**
 * The PATCH body (without `version`) from the form. Every row keeps its place, so an error the API names
 * by index (`milestones.2.dueDate`) lands on the row the user sees.
 */
export function formToProposalDto(values: ProposalFormValues): Omit<UpdateProposalDto, 'version'> {
  return {
    technicalApproach: text(values.technicalApproach),
    kpiResponses: (values.kpiResponses ?? []).map((r) => ({
      metric: text(r?.metric),
      approach: text(r?.approach),
      committedValue: text(r?.committedValue),
    })),
    team: (values.team ?? []).map((m) => ({
      name: text(m?.name),
      role: text(m?.role),
      qualifications: text(m?.qualifications),
    })),
    priceYuan: numberOrNull(values.priceYuan),
    priceBreakdown: (values.priceBreakdown ?? []).map((p) => ({
      item: text(p?.item),
      amountYuan: numberOrNull(p?.amountYuan),
    })),
    milestones: (values.milestones ?? []).map((m) => {
      const row: UpdateProposalDto['milestones'][number] = {
        title: text(m?.title),
        dueDate: m?.dueDate ? m.dueDate.format('YYYY-MM-DD') : '',
        deliverables: text(m?.deliverables),
      };
      const percent = numberOrNull(m?.paymentPercent);
      if (percent !== null) row.paymentPercent = percent;
      return row;
    }),
    references: (values.references ?? []).map((r) => ({
      client: text(r?.client),
      project: text(r?.project),
      year: numberOrNull(r?.year),
    })),
    trialPlan: values.trialPlan && values.trialPlan.trim() ? values.trialPlan : null,
  };
}
