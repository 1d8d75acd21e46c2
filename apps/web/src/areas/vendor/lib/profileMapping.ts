import dayjs, { type Dayjs } from 'dayjs';
import type { PutVendorProfileDto, VendorProfileView } from '../types';

/**
 * The profile editor's values: the PUT DTO's JSON shape (so API field paths such as `capabilityCodes.2`
 * or `pastCases.1.year` name form fields directly), with what the controls hold — undefined for
 * empty inputs, a Dayjs for dates.
 */
export interface ProfileFormValues {
  domains?: string[];
  capabilityCodes?: string[];
  industryFields?: string[];
  districts?: string[];
  description?: string;
  products?: { name?: string; description?: string; url?: string | null }[];
  pastCases?: {
    title?: string;
    client?: string;
    year?: number | null;
    outcome?: string;
    scenarioId?: string | null;
    verified?: boolean;
  }[];
  certifications?: { name?: string; issuer?: string; validUntil?: Dayjs | null }[];
  teamSize?: number | null;
  trl?: number | null;
  typicalBudgetMinYuan?: number | null;
  typicalBudgetMaxYuan?: number | null;
}

/** Every field of the PUT DTO besides `version`, in the editor's order. */
export const PROFILE_DTO_FIELDS = [
  'description',
  'domains',
  'capabilityCodes',
  'industryFields',
  'districts',
  'teamSize',
  'trl',
  'typicalBudgetMinYuan',
  'typicalBudgetMaxYuan',
  'products',
  'pastCases',
  'certifications',
] as const satisfies readonly (keyof Omit<PutVendorProfileDto, 'version'>)[];

const text = (v: string | null | undefined) => v ?? '';
const optionalText = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);
const numberOrNull = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The form's initial values from the stored profile (empty for a vendor without one yet). */
export function profileToForm(view: VendorProfileView | null): ProfileFormValues {
  if (!view) return { domains: [], capabilityCodes: [], industryFields: [], districts: [], description: '' };
  return {
    domains: [...view.domains],
    capabilityCodes: [...view.capabilityCodes],
    industryFields: [...view.industryFields],
    districts: [...view.districts],
    description: view.description,
    products: view.products.map((p) => ({ name: p.name, description: p.description, url: p.url ?? undefined })),
    pastCases: view.pastCases.map((c) => ({
      title: c.title,
      client: c.client,
      year: c.year,
      outcome: c.outcome,
      scenarioId: c.scenarioId ?? undefined,
      verified: c.verified,
    })),
    certifications: view.certifications.map((c) => ({
      name: c.name,
      issuer: c.issuer,
      validUntil: c.validUntil ? dayjs(c.validUntil) : null,
    })),
    teamSize: view.teamSize,
    trl: view.trl,
    typicalBudgetMinYuan: view.typicalBudgetMinYuan,
    typicalBudgetMaxYuan: view.typicalBudgetMaxYuan,
  };
}

/**
 * The PUT body from the form. Rows keep their places (so `pastCases.2.year` in an error names the third
 * row of the form); empty inputs become the API's empty values and the API names what is missing.
 */
export function formToProfileDto(values: ProfileFormValues, version?: number): PutVendorProfileDto {
  const dto: PutVendorProfileDto = {
    domains: values.domains ?? [],
    capabilityCodes: values.capabilityCodes ?? [],
    industryFields: values.industryFields ?? [],
    districts: values.districts ?? [],
    description: text(values.description),
    products: (values.products ?? []).map((p) => ({
      name: text(p?.name),
      description: text(p?.description),
      url: optionalText(p?.url),
    })),
    pastCases: (values.pastCases ?? []).map((c) => ({
      title: text(c?.title),
      client: text(c?.client),
      year: numberOrNull(c?.year),
      outcome: text(c?.outcome),
      scenarioId: c?.scenarioId || null,
    })),
    certifications: (values.certifications ?? []).map((c) => ({
      name: text(c?.name),
      issuer: text(c?.issuer),
      validUntil: c?.validUntil ? c.validUntil.format('YYYY-MM-DD') : null,
    })),
    teamSize: numberOrNull(values.teamSize),
    trl: numberOrNull(values.trl),
    typicalBudgetMinYuan: numberOrNull(values.typicalBudgetMinYuan),
    typicalBudgetMaxYuan: numberOrNull(values.typicalBudgetMaxYuan),
  };
  if (version !== undefined) dto.version = version;
  return dto;
}
