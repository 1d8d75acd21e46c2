import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { type FieldViolation, huzhouYear } from '@app/common';
import { RegisterOrganisationDto, validateUscc } from '@app/identity';
import { applyScenarioFields, CreateScenarioDto, ScenarioEntity, submissionViolations } from '@app/scenarios';
import { isKnownCode, type TaxonomyKind } from '@app/taxonomy';
import { PutVendorProfileDto, type VendorProfileEntity, vendorProfileViolations } from '@app/vendors';
import type { ImportRowError } from './imports.errors';
import { type RawRow, shown, splitList } from './import-table';

/** The same options as the API's validation pipe: unknown fields refused, nested objects checked. */
const VALIDATION = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: false,
  validationError: { target: false, value: false },
} as const;

/** class-validator errors as field violations (`kpis[0].metric`), like the API reports them. */
export function flattenErrors(errors: ValidationError[], parent = ''): FieldViolation[] {
  return errors.flatMap((e) => {
    const isIndex = /^\d+$/.test(e.property);
    const field = parent ? (isIndex ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    const own: FieldViolation[] = Object.entries(e.constraints ?? {}).map(([rule, message]) => {
      const named = /^rule:([\w.]+)$/.exec(message)?.[1];
      if (named) return { field, rule: named };
      const n = /(-?\d+(?:\.\d+)?)/.exec(message)?.[1];
      const params: Record<string, string | number> = { message };
      if (n !== undefined && ['min', 'arrayMinSize', 'minLength'].includes(rule)) params.min = Number(n);
      if (n !== undefined && ['max', 'arrayMaxSize', 'maxLength', 'maxChars'].includes(rule)) params.max = Number(n);
      return { field, rule, params };
    });
    return [...own, ...flattenErrors(e.children ?? [], field)];
  });
}

/** Validates `plain` against a DTO class as the API would; returns the instance (transformed) and violations. */
export async function validateAs<T extends object>(
  cls: new () => T,
  plain: Record<string, unknown>,
): Promise<{ dto: T; violations: FieldViolation[] }> {
  const dto = plainToInstance(cls, plain);
  const violations = flattenErrors(await validate(dto, VALIDATION));
  return { dto, violations };
}

/** Renames a DTO field path to the import column it came from (`capabilityCodes[1]` → `capabilities[1]`). */
function renamer(map: Record<string, string>) {
  return (field: string): string => {
    for (const [from, to] of Object.entries(map)) {
      if (field === from) return to;
      if (field.startsWith(`${from}[`) || field.startsWith(`${from}.`)) {
        const rest = field.slice(from.length);
        // A sub-field that is a column of its own (contact.name → contactName): the column alone.
        return to.includes('{sub}') ? to.replace('{sub}', rest.replace(/^\./, '')) : `${to}${rest}`;
      }
    }
    return field;
  };
}

const SCENARIO_FIELD_COLUMNS = renamer({
  capabilityCodes: 'capabilities',
  budgetMinYuan: 'budgetMin',
  budgetMaxYuan: 'budgetMax',
  'contact.name': 'contactName',
  'contact.phone': 'contactPhone',
  'contact.email': 'contactEmail',
  'contact.public': 'contactPublic',
  contact: 'contactName',
  'compliance.algorithmFiling': 'algorithmFiling',
  'compliance.generativeAiFiling': 'generativeAiFiling',
  'compliance.dataSecurityLevel': 'dataSecurityLevel',
  'compliance.personalInformation': 'personalInformation',
  compliance: 'dataSecurityLevel',
});

const VENDOR_FIELD_COLUMNS = renamer({
  capabilityCodes: 'capabilities',
  typicalBudgetMinYuan: 'typicalBudgetMin',
  typicalBudgetMaxYuan: 'typicalBudgetMax',
  nameZh: 'name',
  districtCode: 'registeredDistrict',
});

const TAXONOMY_LABEL: Record<TaxonomyKind, string> = {
  domain: 'domain',
  sector: 'sector',
  capability: 'capability',
  industry_field: 'industry field',
  district: 'district',
};

/** Taxonomy codes of a single or list cell, one error per unknown code (`capabilities[1]`). */
function codeErrors(row: number, column: string, kind: TaxonomyKind, value: unknown): ImportRowError[] {
  if (value === undefined) return [];
  const check = (v: unknown, field: string): ImportRowError[] =>
    typeof v === 'string' && isKnownCode(kind, v)
      ? []
      : [{ row, field, rule: 'import.unknown_code', params: { kind: TAXONOMY_LABEL[kind], code: shown(v) } }];
  if (Array.isArray(value)) return value.flatMap((v, i) => check(v, `${column}[${i}]`));
  return check(value, column);
}

const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, unknown>;

/** `metric:target[:unit]` → a KPI (baseline left empty). */
function kpiFromText(text: string): Record<string, string> | null {
  const parts = text.split(/[:：]/).map((p) => p.trim());
  if (parts.length < 2 || parts.length > 3 || !parts[0] || !parts[1]) return null;
  return { metric: parts[0], baseline: '', target: parts[1], unit: parts[2] ?? '' };
}

/** The KPI cell: a JSON array (objects or texts) or a `|`-separated list of `metric:target[:unit]`. */
export function parseKpis(raw: unknown): { kpis?: unknown; error?: boolean } {
  if (raw === undefined) return {};
  let items: unknown = raw;
  if (typeof raw === 'string') {
    const text = raw.trim();
    if (text.startsWith('[')) {
      try {
        items = JSON.parse(text);
      } catch {
        return { error: true };
      }
    } else items = splitList(text);
  }
  if (!Array.isArray(items)) return { error: true };
  const out: unknown[] = [];
  for (const item of items) {
    if (typeof item === 'string') {
      const kpi = kpiFromText(item);
      if (!kpi) return { error: true };
      out.push(kpi);
    } else if (item && typeof item === 'object' && !Array.isArray(item)) {
      out.push({ baseline: '', unit: '', ...(item as Record<string, unknown>) });
    } else out.push(item); // the DTO refuses it, naming the item
  }
  return { kpis: out };
}

export interface ScenarioRowContext {
  now: Date;
  /** publish=true: the row must also meet every submission rule. */
  publish: boolean;
  /** Verified agencies by exact Chinese name. */
  agenciesByName: Map<string, string[]>;
  /** The agencyOrganisationId parameter, already checked to be a verified agency. */
  defaultAgencyId: string | null;
}

export interface ValidScenarioRow {
  row: number;
  key: string | null;
  agencyOrganisationId: string;
  dto: CreateScenarioDto;
}

/** Fields of a row that only the submission rules require, reported against their columns. */
const SUBMISSION_RULES_ALWAYS = new Set(['scenario.budget_range', 'scenario.deadline_past', 'scenario.sector_domain']);

/** An in-memory draft with the row's fields, as ScenarioService would build it (for the submission rules). */
export function draftOf(dto: CreateScenarioDto, agencyOrganisationId: string): ScenarioEntity {
  const s = Object.assign(new ScenarioEntity(), {
    agencyOrganisationId,
    status: 'draft',
    capabilityCodes: [],
    kpis: [],
    dataResources: [],
    privateFields: [],
    version: 1,
    copiedFromId: null,
  });
  for (const f of [
    'summary',
    'description',
    'sector',
    'district',
    'site',
    'currentSituation',
    'trlRequired',
    'compliance',
    'budgetMinYuan',
    'budgetMaxYuan',
    'fundingType',
    'proposalDeadline',
    'expectedDeliveryMonths',
    'contact',
    'titleEn',
    'summaryEn',
  ] as const) {
    (s as unknown as Record<string, unknown>)[f] = null;
  }
  applyScenarioFields(s, dto);
  return s;
}

/** One scenario row → a CreateScenarioDto and its agency, or the row's errors. */
export async function validateScenarioRow(
  raw: RawRow,
  ctx: ScenarioRowContext,
): Promise<{ ok: ValidScenarioRow } | { errors: ImportRowError[] }> {
  const v = raw.values;
  const row = raw.row;
  const errors: ImportRowError[] = [];
  const kpis = parseKpis(v.kpis);
  if (kpis.error) errors.push({ row, field: 'kpis', rule: 'import.kpis_format' });
  const contactGiven = ['contactName', 'contactPhone', 'contactEmail', 'contactPublic'].some((c) => v[c] !== undefined);
  const complianceGiven = ['dataSecurityLevel', 'algorithmFiling', 'generativeAiFiling', 'personalInformation'].some(
    (c) => v[c] !== undefined,
  );
  const plain = defined({
    title: v.title,
    domain: v.domain,
    summary: v.summary,
    description: v.description,
    sector: v.sector,
    capabilityCodes: v.capabilities,
    district: v.district,
    budgetMinYuan: v.budgetMin,
    budgetMaxYuan: v.budgetMax,
    trlRequired: v.trlRequired,
    proposalDeadline: v.proposalDeadline,
    kpis: kpis.error ? undefined : kpis.kpis,
    contact: contactGiven
      ? defined({ name: v.contactName, phone: v.contactPhone, email: v.contactEmail, public: v.contactPublic ?? false })
      : undefined,
    compliance: complianceGiven
      ? defined({
          algorithmFiling: v.algorithmFiling ?? false,
          generativeAiFiling: v.generativeAiFiling ?? false,
          dataSecurityLevel: v.dataSecurityLevel,
          personalInformation: v.personalInformation ?? false,
        })
      : undefined,
    site: v.site,
    currentSituation: v.currentSituation,
    fundingType: v.fundingType,
    expectedDeliveryMonths: v.expectedDeliveryMonths,
    titleEn: v.titleEn,
    summaryEn: v.summaryEn,
    privateFields: v.privateFields,
  });
  // Taxonomy codes, one error per unknown code (the DTO's own `isIn` on them would not say which).
  errors.push(
    ...codeErrors(row, 'domain', 'domain', v.domain),
    ...codeErrors(row, 'sector', 'sector', v.sector),
    ...codeErrors(row, 'capabilities', 'capability', v.capabilities),
    ...codeErrors(row, 'district', 'district', v.district),
  );
  const coded = new Set(['domain', 'sector', 'capabilityCodes', 'district']);
  const { dto, violations } = await validateAs(CreateScenarioDto, plain);
  for (const x of violations) {
    if (x.rule === 'isIn' && coded.has(x.field)) continue;
    if (x.field === 'title' && x.rule !== 'isNotEmpty' && v.title === undefined) continue;
    errors.push({ row, field: SCENARIO_FIELD_COLUMNS(x.field), rule: x.rule, params: x.params });
  }
  if (v.title === undefined) errors.push({ row, field: 'title', rule: 'import.required' });
  // The DTO's `isIn` on domain is left to codeErrors, which says nothing of an absent value.
  if (v.domain === undefined) errors.push({ row, field: 'domain', rule: 'import.required' });

  // The agency: the row's `agency` column, else the request's agencyOrganisationId.
  let agencyId: string | null = ctx.defaultAgencyId;
  if (v.agency !== undefined) {
    const ids = typeof v.agency === 'string' ? (ctx.agenciesByName.get(v.agency.trim()) ?? []) : [];
    if (ids.length === 1) agencyId = ids[0];
    else {
      agencyId = null;
      errors.push({
        row,
        field: 'agency',
        rule: ids.length > 1 ? 'import.agency_ambiguous' : 'import.agency_unknown',
        params: { name: shown(v.agency) },
      });
    }
  } else if (!agencyId) errors.push({ row, field: 'agency', rule: 'import.agency_required' });

  if (errors.length === 0 && agencyId) {
    // The platform's own submission rules on the draft this row makes: cross-field checks always,
    // completeness too when the import publishes.
    const unknownSector = v.sector !== undefined && !isKnownCode('sector', String(v.sector));
    for (const x of submissionViolations(draftOf(dto, agencyId), ctx.now)) {
      if (!ctx.publish && !SUBMISSION_RULES_ALWAYS.has(x.rule)) continue;
      if (x.rule === 'scenario.sector_domain' && unknownSector) continue;
      errors.push({ row, field: SCENARIO_FIELD_COLUMNS(x.field), rule: x.rule, params: x.params });
    }
  }
  if (errors.length) return { errors };
  return {
    ok: {
      row,
      key: typeof v.key === 'string' ? v.key : null,
      agencyOrganisationId: agencyId as string,
      dto,
    },
  };
}

/** A past case given as text: the text is the title (shortened to 200 characters, whole in the outcome). */
export function caseFromText(text: string, year: number) {
  const chars = Array.from(text);
  return chars.length <= 200
    ? { title: text, client: '未注明', year, outcome: '' }
    : { title: `${chars.slice(0, 199).join('')}…`, client: '未注明', year, outcome: text };
}

export interface ExistingOrganisation {
  id: string;
  type: string;
  status: string;
  nameZh: string;
}

export interface VendorRowContext {
  now: Date;
  /** Organisations by (normalised) USCC. */
  byUscc: Map<string, ExistingOrganisation>;
  /** Vendor organisations by exact Chinese name. */
  vendorsByName: Map<string, ExistingOrganisation[]>;
}

export interface ValidVendorRow {
  row: number;
  key: string | null;
  uscc: string;
  /** The vendor organisation to update; null: one is created from `organisation`. */
  existingId: string | null;
  organisation: RegisterOrganisationDto | null;
  profile: PutVendorProfileDto;
}

/** One vendor row → the organisation to create or update and its profile, or the row's errors. */
export async function validateVendorRow(
  raw: RawRow,
  ctx: VendorRowContext,
): Promise<{ ok: ValidVendorRow } | { errors: ImportRowError[] }> {
  const v = raw.values;
  const row = raw.row;
  const errors: ImportRowError[] = [];
  const year = huzhouYear(ctx.now);
  let cases: unknown = v.pastCases;
  if (Array.isArray(cases)) {
    cases = cases.map((c, i) => {
      if (typeof c === 'string') return caseFromText(c, year);
      if (!c || typeof c !== 'object' || Array.isArray(c))
        errors.push({ row, field: `pastCases[${i}]`, rule: 'import.case_format' });
      return c;
    });
  }
  const profilePlain = defined({
    domains: v.domains,
    capabilityCodes: v.capabilities,
    industryFields: v.industryFields,
    districts: v.districts,
    description: v.description,
    pastCases: cases,
    trl: v.trl,
    typicalBudgetMinYuan: v.typicalBudgetMin,
    typicalBudgetMaxYuan: v.typicalBudgetMax,
    teamSize: v.teamSize,
  });
  const { dto: profile, violations } = await validateAs(PutVendorProfileDto, profilePlain);
  for (const x of violations)
    errors.push({ row, field: VENDOR_FIELD_COLUMNS(x.field), rule: x.rule, params: x.params });
  if (violations.length === 0) {
    for (const x of vendorProfileViolations(profile, ctx.now))
      errors.push({ row, field: VENDOR_FIELD_COLUMNS(x.field), rule: x.rule, params: x.params });
  }

  // The organisation: matched by USCC; a new one is validated as a registration would be.
  let uscc = '';
  let existingId: string | null = null;
  let organisation: RegisterOrganisationDto | null = null;
  const checked = typeof v.uscc === 'string' ? validateUscc(v.uscc) : null;
  if (v.uscc === undefined) errors.push({ row, field: 'uscc', rule: 'import.required' });
  else if (!checked || !checked.valid)
    errors.push({ row, field: 'uscc', rule: checked && !checked.valid ? `uscc.${checked.rule}` : 'isString' });
  else uscc = checked.code;
  if (v.name === undefined) errors.push({ row, field: 'name', rule: 'import.required' });
  const existing = uscc ? ctx.byUscc.get(uscc) : undefined;
  if (existing) {
    if (existing.type !== 'vendor') errors.push({ row, field: 'uscc', rule: 'import.organisation_not_vendor' });
    else if (existing.status !== 'verified')
      errors.push({ row, field: 'uscc', rule: 'import.organisation_not_verified' });
    else existingId = existing.id;
  } else if (uscc && v.name !== undefined) {
    const firstDistrict = Array.isArray(v.districts) ? (v.districts[0] as unknown) : undefined;
    const { dto, violations: orgViolations } = await validateAs(
      RegisterOrganisationDto,
      defined({
        type: 'vendor',
        nameZh: v.name,
        nameEn: v.nameEn,
        uscc,
        districtCode: v.registeredDistrict ?? (firstDistrict === 'citywide' ? undefined : firstDistrict),
        contactName: v.contactName,
        contactPhone: v.contactPhone,
        contactEmail: v.contactEmail,
      }),
    );
    for (const x of orgViolations) {
      const field = VENDOR_FIELD_COLUMNS(x.field);
      if (x.rule === 'isIn' && field === 'registeredDistrict' && v.registeredDistrict !== undefined) {
        errors.push(...codeErrors(row, 'registeredDistrict', 'district', v.registeredDistrict));
      } else errors.push({ row, field, rule: x.rule, params: x.params });
    }
    const sameName = typeof v.name === 'string' ? ctx.vendorsByName.get(v.name.trim()) : undefined;
    if (sameName?.length) errors.push({ row, field: 'name', rule: 'import.name_taken' });
    organisation = dto;
  }
  if (errors.length) return { errors };
  return {
    ok: { row, key: typeof v.key === 'string' ? v.key : null, uscc, existingId, organisation, profile },
  };
}

/** Rows whose `column` repeats an earlier row's value (`key`, `uscc`). */
export function duplicateErrors(
  rows: RawRow[],
  column: string,
  normalise: (v: string) => string = (v) => v,
): ImportRowError[] {
  const first = new Map<string, number>();
  const out: ImportRowError[] = [];
  for (const r of rows) {
    const v = r.values[column];
    if (typeof v !== 'string') continue;
    const k = normalise(v.trim());
    const seen = first.get(k);
    if (seen !== undefined)
      out.push({
        row: r.row,
        field: column,
        rule: 'import.duplicate_in_file',
        params: { otherRow: seen, value: shown(k) },
      });
    else first.set(k, r.row);
  }
  return out;
}

/** The profile fields an update keeps when the row leaves their column empty (or the format has none). */
const KEPT_ON_UPDATE = [
  'industryFields',
  'districts',
  'pastCases',
  'trl',
  'typicalBudgetMinYuan',
  'typicalBudgetMaxYuan',
  'teamSize',
  'products',
  'certifications',
] as const;

/**
 * The whole profile to PUT for a row: a new profile as the row gives it; an update takes the row's
 * values and keeps the current ones the row leaves empty (products and certifications have no column),
 * naming the version it read.
 */
export function mergedProfile(row: PutVendorProfileDto, current: VendorProfileEntity | null): PutVendorProfileDto {
  const merged = Object.assign(new PutVendorProfileDto(), row);
  if (!current) return merged;
  const target = merged as unknown as Record<string, unknown>;
  for (const k of KEPT_ON_UPDATE) {
    if (target[k] === undefined) target[k] = current[k];
  }
  merged.version = current.version;
  return merged;
}

/** The rules on a merged profile (an imported maximum below the kept minimum, say), against the row's columns. */
export function mergedProfileErrors(rowNumber: number, merged: PutVendorProfileDto, now: Date): ImportRowError[] {
  return vendorProfileViolations(merged, now).map((x) => ({
    row: rowNumber,
    field: VENDOR_FIELD_COLUMNS(x.field),
    rule: x.rule,
    params: x.params,
  }));
}
