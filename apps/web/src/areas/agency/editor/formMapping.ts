import dayjs, { type Dayjs } from 'dayjs';
import type {
  Compliance,
  Contact,
  DataResource,
  DataSecurityLevel,
  FundingType,
  Kpi,
  PrivateFieldName,
  ScenarioDto,
  ScenarioDtoField,
  ScenarioSite,
  ScenarioView,
} from '../types';

/**
 * The scenario editor's form values: the API's JSON shape (so API field paths such as `kpis.0.target`
 * name form fields directly), with what Ant Design controls hold — undefined for empty selects,
 * a Dayjs for the deadline, rows of list fields possibly half filled.
 */
export interface ScenarioFormValues {
  title?: string;
  titleEn?: string;
  domain?: string;
  sector?: string;
  capabilityCodes?: string[];
  district?: string;
  summary?: string;
  summaryEn?: string;
  description?: string;
  currentSituation?: string;
  site?: ScenarioSite;
  kpis?: Partial<Kpi>[];
  dataResources?: Partial<DataResource>[];
  trlRequired?: number | null;
  compliance?: Partial<Compliance>;
  budgetMinYuan?: number | null;
  budgetMaxYuan?: number | null;
  fundingType?: FundingType;
  proposalDeadline?: Dayjs | null;
  expectedDeliveryMonths?: number | null;
  contact?: Partial<Contact>;
  privateFields?: PrivateFieldName[];
}

/** Every field of the create/update DTO (besides `version`), in the editor's order. */
export const SCENARIO_DTO_FIELDS: readonly ScenarioDtoField[] = [
  'title',
  'titleEn',
  'domain',
  'sector',
  'capabilityCodes',
  'district',
  'summary',
  'summaryEn',
  'description',
  'currentSituation',
  'site',
  'kpis',
  'trlRequired',
  'dataResources',
  'compliance',
  'budgetMinYuan',
  'budgetMaxYuan',
  'fundingType',
  'proposalDeadline',
  'expectedDeliveryMonths',
  'contact',
  'privateFields',
];

const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

export function emptyFormValues(): ScenarioFormValues {
  return {
    capabilityCodes: [],
    kpis: [],
    dataResources: [],
    privateFields: [],
    compliance: { algorithmFiling: false, generativeAiFiling: false, personalInformation: false },
    contact: { public: false },
  };
}

/** What the editor shows for a scenario read from the API. */
export function scenarioToForm(s: ScenarioView): ScenarioFormValues {
  return {
    title: s.title,
    titleEn: opt(s.titleEn),
    domain: s.domain,
    sector: opt(s.sector),
    capabilityCodes: [...(s.capabilityCodes ?? [])],
    district: opt(s.district),
    summary: opt(s.summary),
    summaryEn: opt(s.summaryEn),
    description: opt(s.description),
    currentSituation: opt(s.currentSituation),
    site: opt(s.site),
    kpis: (s.kpis ?? []).map((k) => ({ metric: k.metric, baseline: k.baseline, target: k.target, unit: k.unit })),
    dataResources: (s.dataResources ?? []).map((d) => ({
      name: d.name,
      description: d.description,
      accessTerms: d.accessTerms,
      sandboxed: d.sandboxed,
    })),
    trlRequired: s.trlRequired ?? null,
    compliance: s.compliance
      ? { ...s.compliance }
      : { algorithmFiling: false, generativeAiFiling: false, personalInformation: false },
    budgetMinYuan: s.budgetMinYuan ?? null,
    budgetMaxYuan: s.budgetMaxYuan ?? null,
    fundingType: opt(s.fundingType),
    proposalDeadline: s.proposalDeadline ? dayjs(s.proposalDeadline) : null,
    expectedDeliveryMonths: s.expectedDeliveryMonths ?? null,
    contact: s.contact ? { ...s.contact } : { public: false },
    privateFields: [...(s.privateFields ?? [])],
  };
}

const text = (v: string | undefined | null): string | null => (v === undefined || v === null || v === '' ? null : v);
const num = (v: number | undefined | null): number | null =>
  v === undefined || v === null || Number.isNaN(v) ? null : v;
const str = (v: string | undefined | null): string => v ?? '';
const blank = (v: string | undefined | null) => !v || !v.trim();

/**
 * The DTO of the form's current values: every field, so two of them can be compared. Empty optional
 * fields become null (which clears them); an empty title or domain is left out (they cannot be cleared).
 * List rows are kept as they are (indexes match the form's, so API errors land on the right row).
 */
export function formToDto(v: ScenarioFormValues): ScenarioDto {
  const dto: ScenarioDto = {};
  if (!blank(v.title)) dto.title = v.title;
  dto.titleEn = text(v.titleEn);
  if (v.domain) dto.domain = v.domain;
  dto.sector = v.sector ?? null;
  dto.capabilityCodes = [...(v.capabilityCodes ?? [])];
  dto.district = v.district ?? null;
  dto.summary = text(v.summary);
  dto.summaryEn = text(v.summaryEn);
  dto.description = text(v.description);
  dto.currentSituation = text(v.currentSituation);
  dto.site = v.site ?? null;
  dto.kpis = (v.kpis ?? []).map((k) => ({
    metric: str(k?.metric),
    baseline: str(k?.baseline),
    target: str(k?.target),
    unit: str(k?.unit),
  }));
  dto.trlRequired = num(v.trlRequired);
  dto.dataResources = (v.dataResources ?? []).map((d) => ({
    name: str(d?.name),
    description: str(d?.description),
    accessTerms: str(d?.accessTerms),
    sandboxed: !!d?.sandboxed,
  }));
  const c = v.compliance ?? {};
  dto.compliance =
    !c.dataSecurityLevel && !c.algorithmFiling && !c.generativeAiFiling && !c.personalInformation
      ? null
      : {
          algorithmFiling: !!c.algorithmFiling,
          generativeAiFiling: !!c.generativeAiFiling,
          dataSecurityLevel: c.dataSecurityLevel as DataSecurityLevel,
          personalInformation: !!c.personalInformation,
        };
  dto.budgetMinYuan = num(v.budgetMinYuan);
  dto.budgetMaxYuan = num(v.budgetMaxYuan);
  dto.fundingType = v.fundingType ?? null;
  dto.proposalDeadline = v.proposalDeadline ? v.proposalDeadline.toISOString() : null;
  dto.expectedDeliveryMonths = num(v.expectedDeliveryMonths);
  const p = v.contact ?? {};
  dto.contact =
    blank(p.name) && blank(p.phone) && blank(p.email)
      ? null
      : { name: str(p.name), phone: str(p.phone), email: str(p.email), public: !!p.public };
  dto.privateFields = [...(v.privateFields ?? [])];
  return dto;
}

/** Same value, whatever the key order of the objects in it. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** The fields of `current` that differ from `saved` (a partial update). */
export function diffDto(saved: ScenarioDto, current: ScenarioDto): ScenarioDto {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(current) as ScenarioDtoField[]) {
    if (current[key] === undefined) continue;
    if (!sameValue(saved[key], current[key])) out[key] = current[key];
  }
  return out as ScenarioDto;
}

export function pick(dto: ScenarioDto, fields: readonly string[]): ScenarioDto {
  const out: Record<string, unknown> = {};
  for (const f of fields)
    if ((dto as Record<string, unknown>)[f] !== undefined) out[f] = (dto as Record<string, unknown>)[f];
  return out as ScenarioDto;
}

export function omit(dto: ScenarioDto, fields: Iterable<string>): ScenarioDto {
  const out: Record<string, unknown> = { ...dto };
  for (const f of fields) delete out[f];
  return out as ScenarioDto;
}

/** Mirrors of the API's patterns (libs/scenarios/src/scenario.dto.ts). */
export const PHONE_PATTERN = /^[0-9+\-() ]{5,20}$/;
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Fields not worth sending yet because the API would refuse them as a whole: a KPI row without metric
 * or target, a data resource without a name, compliance without a security level, a contact with a
 * missing or malformed part. Autosave holds them back until complete; submission validates them.
 */
export function heldBackFields(dto: ScenarioDto): ScenarioDtoField[] {
  const out: ScenarioDtoField[] = [];
  if (dto.kpis?.some((k) => blank(k.metric) || blank(k.target))) out.push('kpis');
  if (dto.dataResources?.some((d) => blank(d.name))) out.push('dataResources');
  if (dto.compliance && !dto.compliance.dataSecurityLevel) out.push('compliance');
  const c = dto.contact;
  if (c && (blank(c.name) || !PHONE_PATTERN.test(c.phone) || !EMAIL_PATTERN.test(c.email.trim()))) out.push('contact');
  return out;
}

/**
 * After a version conflict: keep what the user changed since `baseline` (the version they started
 * from), take everything else from the newest version `server`. Returns the form values to show and
 * the new baseline (the newest version), so the next save sends only the user's own changes.
 */
export function rebaseOnConflict(
  baseline: ScenarioDto,
  current: ScenarioFormValues,
  server: ScenarioView,
): { values: ScenarioFormValues; baseline: ScenarioDto; mine: string[] } {
  const mine = Object.keys(diffDto(baseline, formToDto(current)));
  const values: ScenarioFormValues = { ...scenarioToForm(server) };
  for (const key of mine) (values as Record<string, unknown>)[key] = (current as Record<string, unknown>)[key];
  return { values, baseline: formToDto(scenarioToForm(server)), mine };
}
