import { formatDateTime, formatYuan } from '../../../components/format';
import { label } from '../../../components/taxonomy';

type T = (key: string, options?: Record<string, unknown>) => string;

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown) => (v === null || v === undefined || v === '' ? '' : String(v));

/**
 * One side of an amendment's field change as lines of readable text (the API gives raw values):
 * codes as taxonomy labels, amounts in yuan, times in local time, KPIs and data resources one per
 * line, booleans and enumerations in words. An empty value is one line "—".
 */
export function formatDiffValue(field: string, value: unknown, t: T): string[] {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
    return ['—'];
  switch (field) {
    case 'budgetMinYuan':
    case 'budgetMaxYuan':
      return [formatYuan(value as number)];
    case 'proposalDeadline':
      return [formatDateTime(String(value))];
    case 'sector':
      return [label('sectors', String(value))];
    case 'district':
      return [label('districts', String(value))];
    case 'capabilityCodes':
      return [(value as string[]).map((c) => label('capabilities', c)).join('、')];
    case 'site':
      return [t(`public.site.${String(value)}`, { defaultValue: String(value) })];
    case 'fundingType':
      return [t(`public.funding.${String(value)}`, { defaultValue: String(value) })];
    case 'trlRequired':
      return [`TRL ${str(value)}`];
    case 'expectedDeliveryMonths':
      return [t('public.detail.months', { count: Number(value) })];
    case 'privateFields':
      return [(value as string[]).map((f) => t(`public.field.${f}`, { defaultValue: f })).join('、')];
    case 'kpis':
      return (value as Record<string, unknown>[]).map(
        (k) =>
          `${str(k.metric)}${t('public.colon')}${str(k.baseline) || '—'} → ${str(k.target)}${k.unit ? ` ${str(k.unit)}` : ''}`,
      );
    case 'dataResources':
      return (value as Record<string, unknown>[]).map((d) =>
        [str(d.name), str(d.description), str(d.accessTerms)].filter(Boolean).join(' · '),
      );
    case 'compliance': {
      if (!isRecord(value)) return [str(value)];
      const yes = (key: string) =>
        `${t(`public.compliance.${key}`)}${t('public.colon')}${value[key] ? t('public.yes') : t('public.no')}`;
      return [
        yes('algorithmFiling'),
        yes('generativeAiFiling'),
        yes('personalInformation'),
        `${t('public.compliance.dataSecurityLevel')}${t('public.colon')}${t(
          `public.dsl.${str(value.dataSecurityLevel)}`,
          {
            defaultValue: str(value.dataSecurityLevel),
          },
        )}`,
      ];
    }
    case 'contact': {
      if (!isRecord(value)) return [str(value)];
      return [[value.name, value.phone, value.email].map(str).filter(Boolean).join(' · ')];
    }
    default:
      if (Array.isArray(value)) return value.map((v) => (isRecord(v) ? Object.values(v).map(str).join(' · ') : str(v)));
      if (isRecord(value)) return Object.entries(value).map(([k, v]) => `${k}${t('public.colon')}${str(v)}`);
      return [str(value)];
  }
}
