import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import type { VendorMatchInput } from '../engine';
import { type FixtureScenario, loadLabelledSet, vendorInput } from '../engine/eval-fixture';
import { syntheticVendors } from '../engine/synthetic';

/** The labelled matching set in the repo (test/fixtures/matching-eval). */
export const MATCHING_FIXTURE_DIR = join(__dirname, '../../../../test/fixtures/matching-eval');

export function labelledSet() {
  return loadLabelledSet(MATCHING_FIXTURE_DIR);
}

/** `count` vendor inputs: the fixture vendors, then generated variants of them; organisation ids are uuids. */
export function vendorInputs(count: number, seed = 7): VendorMatchInput[] {
  const base = labelledSet().vendors.map(vendorInput);
  const all =
    count <= base.length ? base.slice(0, count) : [...base, ...syntheticVendors(base, count - base.length, seed)];
  return all.map((v) => ({ ...v, organisationId: randomUUID() }));
}

let uscc = 0;
const nextUscc = () => `91${String(process.pid % 10_000).padStart(4, '0')}${String(++uscc).padStart(12, '0')}`;

/** Verified vendor organisations with capability profiles, as the platform stores them (bulk). */
export async function insertVendors(em: EntityManager, vendors: VendorMatchInput[]): Promise<void> {
  for (let i = 0; i < vendors.length; i += 2000) {
    const chunk = vendors.slice(i, i + 2000);
    await em.query(
      `INSERT INTO organisation (id, type, name_zh, uscc, district_code, contact_name, contact_phone, contact_email, status)
       SELECT id, 'vendor', name, uscc, 'wuxing', '王测试', '0572-2345678', 'v@example.cn', 'verified'
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS x(id, name, uscc)`,
      [chunk.map((v) => v.organisationId), chunk.map((v) => v.name), chunk.map(() => nextUscc())],
    );
    await em.query(
      `INSERT INTO vendor_profile (organisation_id, domains, capability_codes, industry_fields, districts, description,
                                   past_cases, trl, typical_budget_min_yuan, typical_budget_max_yuan, version)
       SELECT id, ARRAY(SELECT jsonb_array_elements_text(d)), ARRAY(SELECT jsonb_array_elements_text(c)),
              ARRAY(SELECT jsonb_array_elements_text(f)), ARRAY(SELECT jsonb_array_elements_text(di)), descr,
              pc, trl, bmin, bmax, 1
         FROM unnest($1::uuid[], $2::jsonb[], $3::jsonb[], $4::jsonb[], $5::jsonb[], $6::text[], $7::jsonb[],
                     $8::int[], $9::bigint[], $10::bigint[])
              AS x(id, d, c, f, di, descr, pc, trl, bmin, bmax)`,
      [
        chunk.map((v) => v.organisationId),
        chunk.map((v) => JSON.stringify(v.domains)),
        chunk.map((v) => JSON.stringify(v.capabilityCodes)),
        chunk.map((v) => JSON.stringify(v.industryFields)),
        chunk.map((v) => JSON.stringify(v.districts)),
        chunk.map((v) => v.description || '—'),
        chunk.map((v) => JSON.stringify(v.pastCases.map((title) => ({ title, client: '', year: 2024, outcome: '' })))),
        chunk.map((v) => v.trl),
        chunk.map((v) => v.typicalBudgetMinYuan),
        chunk.map((v) => v.typicalBudgetMaxYuan),
      ],
    );
  }
}

/** A verified agency organisation. */
export async function insertAgency(em: EntityManager): Promise<string> {
  const [{ id }] = (await em.query(
    `INSERT INTO organisation (type, name_zh, uscc, district_code, contact_name, contact_phone, contact_email, status)
     VALUES ('agency', '湖州市测试局', $1, 'wuxing', '王测试', '0572-2345678', 'a@example.cn', 'verified') RETURNING id`,
    [nextUscc()],
  )) as { id: string }[];
  return id;
}

/** Fixture scenarios stored as scenarios of `agencyId` in `status` (bulk); ids in order. */
export async function insertScenarios(
  em: EntityManager,
  agencyId: string,
  scenarios: (FixtureScenario & { title: string })[],
  status = 'published',
): Promise<string[]> {
  const ids = scenarios.map(() => randomUUID());
  for (let i = 0; i < scenarios.length; i += 2000) {
    const chunk = scenarios.slice(i, i + 2000);
    await em.query(
      `INSERT INTO scenario (id, agency_organisation_id, created_by, status, title, summary, description, domain, sector,
                             capability_codes, district, budget_min_yuan, budget_max_yuan, trl_required,
                             proposal_deadline, published_at)
       SELECT id, $2, $3, $4, t, su, de, dom, sec, ARRAY(SELECT jsonb_array_elements_text(caps)), dis, bmin, bmax, trl,
              now() + interval '30 days', now()
         FROM unnest($1::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[], $11::text[],
                     $12::bigint[], $13::bigint[], $14::int[])
              AS x(id, t, su, de, dom, sec, caps, dis, bmin, bmax, trl)`,
      [
        ids.slice(i, i + 2000),
        agencyId,
        randomUUID(),
        status,
        chunk.map((s) => s.title),
        chunk.map((s) => s.summary),
        chunk.map((s) => s.description),
        chunk.map((s) => s.domain),
        chunk.map((s) => s.sector),
        chunk.map((s) => JSON.stringify(s.capabilities ?? [])),
        chunk.map((s) => s.district),
        chunk.map((s) => s.budgetMin),
        chunk.map((s) => s.budgetMax),
        chunk.map((s) => s.trlRequired),
      ],
    );
  }
  return ids;
}
