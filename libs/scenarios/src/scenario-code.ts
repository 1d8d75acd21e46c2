import { huzhouYear } from '@app/common';
import type { EntityManager } from 'typeorm';

/** Domain abbreviations used in scenario codes. */
export const DOMAIN_ABBREVIATIONS: Record<string, string> = {
  manufacturing: 'MF',
  agriculture: 'AG',
  culture_tourism: 'CT',
  transport: 'TR',
  other: 'OT',
};

export const SCENARIO_CODE_PATTERN = /^HZ-\d{4}-(MF|AG|CT|TR|OT)-\d{4,}$/;

/**
 * The next code for (year, domain), e.g. `HZ-2026-MF-0007`. The counter row is created or bumped by
 * one upsert; its row lock serialises concurrent submissions until their transactions end, so two
 * transactions never get the same number (a rolled-back one leaves a gap, which is acceptable).
 */
export async function nextScenarioCode(em: EntityManager, domain: string, at: Date): Promise<string> {
  const year = huzhouYear(at);
  const abbreviation = DOMAIN_ABBREVIATIONS[domain] ?? 'OT';
  const [row] = (await em.query(
    `INSERT INTO scenario_code_counter (year, domain, last_seq) VALUES ($1, $2, 1)
     ON CONFLICT (year, domain) DO UPDATE SET last_seq = scenario_code_counter.last_seq + 1
     RETURNING last_seq`,
    [year, abbreviation],
  )) as { last_seq: number }[];
  return `HZ-${year}-${abbreviation}-${String(row.last_seq).padStart(4, '0')}`;
}
