import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import type { Dayjs } from 'dayjs';
import { EMAIL_PATTERN, PHONE_PATTERN } from './formMapping';

/** The API's ceiling for an amount in yuan (libs/common/src/dto/money.ts). */
export const MAX_YUAN = 1_000_000_000_000;

/** Lengths the API allows (libs/scenarios/src/scenario.dto.ts). */
export const MAX_LENGTH = {
  title: 100,
  titleEn: 200,
  summary: 500,
  summaryEn: 1000,
  description: 20_000,
  currentSituation: 5000,
  kpiText: 100,
  kpiUnit: 20,
  resourceName: 100,
  resourceDescription: 1000,
  resourceAccess: 500,
  contactName: 50,
  contactEmail: 254,
  capabilities: 20,
  kpis: 20,
  dataResources: 20,
} as const;

/** Client-side rules with Chinese (or English) messages: what submission needs, and the API's ranges. */
export function scenarioRules(t: TFunction) {
  const m = (key: string, params?: Record<string, unknown>) => t(`agency.rules.${key}`, params);
  const required = (key: string): FormRule => ({ required: true, message: m(key) });
  const requiredText = (key: string): FormRule => ({ required: true, whitespace: true, message: m(key) });
  const max = (n: number): FormRule => ({ max: n, message: m('maxLength', { max: n }) });
  return {
    title: [requiredText('title'), max(MAX_LENGTH.title)],
    titleEn: [max(MAX_LENGTH.titleEn)],
    domain: [required('domain')],
    sector: [required('sector')],
    capabilityCodes: [
      { required: true, type: 'array', min: 1, message: m('capabilityCodes') },
      { type: 'array', max: MAX_LENGTH.capabilities, message: m('maxItems', { max: MAX_LENGTH.capabilities }) },
    ] as FormRule[],
    district: [required('district')],
    summary: [requiredText('summary'), max(MAX_LENGTH.summary)],
    summaryEn: [max(MAX_LENGTH.summaryEn)],
    description: [requiredText('description'), max(MAX_LENGTH.description)],
    currentSituation: [requiredText('currentSituation'), max(MAX_LENGTH.currentSituation)],
    site: [required('site')],
    kpis: [
      {
        validator: async (_: unknown, rows: unknown[] | undefined) => {
          if (!rows || rows.length === 0) throw new Error(m('kpis'));
        },
      },
    ],
    kpiMetric: [requiredText('kpiMetric'), max(MAX_LENGTH.kpiText)],
    kpiBaseline: [max(MAX_LENGTH.kpiText)],
    kpiTarget: [requiredText('kpiTarget'), max(MAX_LENGTH.kpiText)],
    kpiUnit: [max(MAX_LENGTH.kpiUnit)],
    trlRequired: [required('trlRequired'), { type: 'integer', min: 1, max: 9, message: m('trlRange') }] as FormRule[],
    resourceName: [requiredText('resourceName'), max(MAX_LENGTH.resourceName)],
    resourceDescription: [max(MAX_LENGTH.resourceDescription)],
    resourceAccess: [max(MAX_LENGTH.resourceAccess)],
    dataSecurityLevel: [required('dataSecurityLevel')],
    budgetMinYuan: [
      required('budgetMinYuan'),
      { type: 'integer', min: 0, max: MAX_YUAN, message: m('budgetAmount') },
    ] as FormRule[],
    /** The maximum, checked against the minimum at `minPath`. */
    budgetMaxYuan: (minPath: (string | number)[]): FormRule[] => [
      required('budgetMaxYuan'),
      { type: 'integer', min: 0, max: MAX_YUAN, message: m('budgetAmount') },
      ({ getFieldValue }) => ({
        validator: async (_: unknown, value: number | null | undefined) => {
          const min = getFieldValue(minPath) as number | null | undefined;
          if (value !== null && value !== undefined && min !== null && min !== undefined && value < min)
            throw new Error(m('budgetRange'));
        },
      }),
    ],
    fundingType: [required('fundingType')],
    proposalDeadline: [
      required('proposalDeadline'),
      {
        validator: async (_: unknown, value: Dayjs | null | undefined) => {
          if (value && value.valueOf() <= Date.now()) throw new Error(m('deadlineFuture'));
        },
      },
    ] as FormRule[],
    expectedDeliveryMonths: [
      required('expectedDeliveryMonths'),
      { type: 'integer', min: 1, max: 120, message: m('deliveryMonthsRange') },
    ] as FormRule[],
    contactName: [requiredText('contactName'), max(MAX_LENGTH.contactName)],
    contactPhone: [required('contactPhone'), { pattern: PHONE_PATTERN, message: m('contactPhone') }] as FormRule[],
    contactEmail: [
      required('contactEmail'),
      { pattern: EMAIL_PATTERN, message: m('contactEmail') },
      max(MAX_LENGTH.contactEmail),
    ] as FormRule[],
  };
}

export type ScenarioRules = ReturnType<typeof scenarioRules>;
