import { diffChars } from 'diff';
import { canonicalJson } from '@app/common';
import type {
  FundingType,
  PrivateFieldName,
  ScenarioCompliance,
  ScenarioContact,
  ScenarioDataResource,
  ScenarioEntity,
  ScenarioKpi,
  ScenarioSite,
} from './scenario.entity';

/** The fields kept in every version of a published scenario, in display order. */
export const SNAPSHOT_FIELDS = [
  'title',
  'summary',
  'description',
  'sector',
  'capabilityCodes',
  'district',
  'site',
  'currentSituation',
  'kpis',
  'dataResources',
  'trlRequired',
  'compliance',
  'budgetMinYuan',
  'budgetMaxYuan',
  'fundingType',
  'proposalDeadline',
  'expectedDeliveryMonths',
  'contact',
  'privateFields',
  'titleEn',
  'summaryEn',
] as const;
export type SnapshotField = (typeof SNAPSHOT_FIELDS)[number];

/** A kept version: the scenario's public-relevant fields, the deadline as an ISO string. */
export interface ScenarioSnapshot {
  title: string;
  summary: string | null;
  description: string | null;
  sector: string | null;
  capabilityCodes: string[];
  district: string | null;
  site: ScenarioSite | null;
  currentSituation: string | null;
  kpis: ScenarioKpi[];
  dataResources: ScenarioDataResource[];
  trlRequired: number | null;
  compliance: ScenarioCompliance | null;
  budgetMinYuan: number | null;
  budgetMaxYuan: number | null;
  fundingType: FundingType | null;
  proposalDeadline: string | null;
  expectedDeliveryMonths: number | null;
  contact: ScenarioContact | null;
  privateFields: PrivateFieldName[];
  titleEn: string | null;
  summaryEn: string | null;
}

/**
 * Changes that are material (实质性变更): budget, the proposal deadline, KPIs and requirements. A
 * material amendment asks vendors with proposals to re-confirm them, and close to the deadline it
 * extends the deadline to give the minimum notice.
 */
export const MATERIAL_AMENDMENT_FIELDS: readonly SnapshotField[] = [
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

/** Free-text fields: their diffs carry a character-level comparison. */
export const TEXT_SNAPSHOT_FIELDS: readonly SnapshotField[] = [
  'title',
  'summary',
  'description',
  'currentSituation',
  'titleEn',
  'summaryEn',
];

export function snapshotOf(s: ScenarioEntity): ScenarioSnapshot {
  // Through JSON: DTO instances become plain data, exactly as jsonb will hand them back.
  return JSON.parse(
    JSON.stringify({
      title: s.title,
      summary: s.summary,
      description: s.description,
      sector: s.sector,
      capabilityCodes: s.capabilityCodes,
      district: s.district,
      site: s.site,
      currentSituation: s.currentSituation,
      kpis: s.kpis,
      dataResources: s.dataResources,
      trlRequired: s.trlRequired,
      compliance: s.compliance,
      budgetMinYuan: s.budgetMinYuan,
      budgetMaxYuan: s.budgetMaxYuan,
      fundingType: s.fundingType,
      proposalDeadline: s.proposalDeadline?.toISOString() ?? null,
      expectedDeliveryMonths: s.expectedDeliveryMonths,
      contact: s.contact,
      privateFields: s.privateFields,
      titleEn: s.titleEn,
      summaryEn: s.summaryEn,
    }),
  ) as ScenarioSnapshot;
}

/** The fields whose values differ (key order inside objects does not count), in display order. */
export function changedSnapshotFields(before: ScenarioSnapshot, after: ScenarioSnapshot): SnapshotField[] {
  return SNAPSHOT_FIELDS.filter((f) => canonicalJson(before[f] ?? null) !== canonicalJson(after[f] ?? null));
}

export function isMaterialAmendment(changed: readonly string[]): boolean {
  return changed.some((f) => (MATERIAL_AMENDMENT_FIELDS as readonly string[]).includes(f));
}

/** Fields of `s` the public does not see: those in the agency's private groups, and a non-public contact. */
export function hiddenSnapshotFields(s: Pick<ScenarioSnapshot, 'privateFields' | 'contact'>): Set<SnapshotField> {
  const hidden = new Set<SnapshotField>();
  const groups = new Set(s.privateFields ?? []);
  if (groups.has('budget')) {
    hidden.add('budgetMinYuan');
    hidden.add('budgetMaxYuan');
  }
  if (groups.has('contact') || !s.contact?.public) hidden.add('contact');
  if (groups.has('dataResources')) hidden.add('dataResources');
  if (groups.has('currentSituation')) hidden.add('currentSituation');
  return hidden;
}

export type TextChangeOp = 'equal' | 'insert' | 'delete';
export interface TextChange {
  op: TextChangeOp;
  text: string;
}

/**
 * Past this many edits a character diff is not worth its cost (quadratic in the edits): the text was
 * rewritten, shown as deleted and inserted whole. Bounds a public read to tens of milliseconds.
 */
const MAX_EDIT_LENGTH = 500;
const DIFF_TIMEOUT_MS = 100;

/** A character-level diff (suits Chinese, which has no spaces between words). */
export function textChanges(before: string | null, after: string | null): TextChange[] {
  const a = before ?? '';
  const b = after ?? '';
  const parts = diffChars(a, b, { maxEditLength: MAX_EDIT_LENGTH, timeout: DIFF_TIMEOUT_MS });
  if (!parts) {
    return [...(a ? [{ op: 'delete' as const, text: a }] : []), ...(b ? [{ op: 'insert' as const, text: b }] : [])];
  }
  return parts.map((p) => ({ op: p.added ? 'insert' : p.removed ? 'delete' : 'equal', text: p.value }));
}

export interface FieldDiff {
  field: SnapshotField;
  /** Absent when the field is private in either version (`hidden`). */
  before?: unknown;
  after?: unknown;
  /** For text fields: the character-level changes from `before` to `after`. */
  changes?: TextChange[];
  /** The field changed, but its values are private: only the owning agency and the centre see them. */
  hidden?: true;
}

/**
 * The field-level differences between two versions. With `full` false (the public), a field that
 * is private in either version is listed as changed without its values.
 */
export function diffSnapshots(from: ScenarioSnapshot, to: ScenarioSnapshot, full: boolean): FieldDiff[] {
  const hidden = full
    ? new Set<SnapshotField>()
    : new Set([...hiddenSnapshotFields(from), ...hiddenSnapshotFields(to)]);
  return changedSnapshotFields(from, to).map((field) => {
    if (hidden.has(field)) return { field, hidden: true };
    const before = from[field] ?? null;
    const after = to[field] ?? null;
    return TEXT_SNAPSHOT_FIELDS.includes(field)
      ? { field, before, after, changes: textChanges(before as string | null, after as string | null) }
      : { field, before, after };
  });
}

const DAY_MS = 86_400_000;

/**
 * The proposal deadline after an amendment. A material amendment must leave vendors at least
 * `minNoticeDays` days: one made within that many days of the deadline (or one moving the deadline
 * that close) extends it to now + `minNoticeDays` days; a later deadline the agency asked for stays.
 */
export function deadlineAfterAmendment(input: {
  material: boolean;
  requested: Date | null;
  now: Date;
  minNoticeDays: number;
}): Date | null {
  const { material, requested, now, minNoticeDays } = input;
  if (!material || !requested) return requested;
  const earliest = new Date(now.getTime() + minNoticeDays * DAY_MS);
  return requested.getTime() < earliest.getTime() ? earliest : requested;
}
