/**
 * A large, realistic opportunity list for benchmarks: variants of the 26 Huzhou demo scenarios
 * (real Chinese titles, summaries and Markdown descriptions, recombined per district with extra
 * sentences from scenarios of the same domain), indexed by the real analyzer, then multiplied in SQL
 * with a spread of statuses, budgets, deadlines and publication dates.
 */
import type { Client } from 'pg';
import { buildTsvector } from '@app/search';
import { scenarioSearchFields } from '@app/scenarios';
import { codesOf, termLabel } from '@app/taxonomy';
import { DEMO_SCENARIOS } from '../../apps/cli/src/seed/demo-scenarios';

const SUFFIXES = ['', '（二期）', '试点', '示范应用', '推广项目', '能力提升', '场景验证', '（续建）'];
const EXTRA_SENTENCES = DEMO_SCENARIOS.map((s) => ({ domain: s.fields.domain, text: s.fields.summary ?? '' }));

/** Deterministic pseudo-random numbers, so every run builds the same corpus. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4_294_967_296;
  };
}

export interface CorpusVariant {
  title: string;
  summary: string;
  description: string;
  titleEn: string | null;
  summaryEn: string | null;
  domain: string;
  sector: string | null;
  capabilityCodes: string[];
  district: string;
  currentSituation: string | null;
  trlRequired: number;
}

/** `count` distinct variants of the demo scenarios. */
export function corpusVariants(count: number): CorpusVariant[] {
  const random = rng(20261124);
  const districts = codesOf('district');
  const capabilities = codesOf('capability');
  const out: CorpusVariant[] = [];
  for (let i = 0; i < count; i++) {
    const base = DEMO_SCENARIOS[i % DEMO_SCENARIOS.length].fields;
    const district = districts[Math.floor(random() * districts.length)];
    const sameDomain = EXTRA_SENTENCES.filter((e) => e.domain === base.domain && e.text !== base.summary);
    const extra = sameDomain[Math.floor(random() * sameDomain.length)]?.text ?? '';
    const suffix = SUFFIXES[Math.floor(random() * SUFFIXES.length)];
    const place = termLabel('district', district, 'zh-CN');
    const caps = new Set(base.capabilityCodes ?? []);
    if (random() < 0.4) caps.add(capabilities[Math.floor(random() * capabilities.length)]);
    out.push({
      title: `${place}${base.title}${suffix}`.slice(0, 100),
      summary: `${base.summary ?? ''}`.slice(0, 500),
      description: `${base.description ?? ''}\n\n## 相关情况\n${extra}`,
      titleEn: base.titleEn ?? null,
      summaryEn: base.summaryEn ?? null,
      domain: base.domain,
      sector: base.sector ?? null,
      capabilityCodes: [...caps],
      district,
      currentSituation: base.currentSituation ?? null,
      trlRequired: 3 + Math.floor(random() * 6),
    });
  }
  return out;
}

/**
 * Inserts `rows` scenarios of `agencyId` (and one batch they belong to), built from `variants`
 * distinct texts. Statuses: 62% open, 18% closed, 8% awarded/in delivery, 4% accepted,
 * 2% demonstration, 6% not public (draft, submitted, cancelled) — so indexes must skip rows.
 */
export async function insertCorpus(
  db: Client,
  agencyId: string,
  rows: number,
  options: { variants?: number; log?: (line: string) => void } = {},
): Promise<void> {
  const variants = corpusVariants(options.variants ?? 4000);
  await db.query(`CREATE TEMP TABLE bench_variant (
      idx int PRIMARY KEY, title text, summary text, description text, title_en text, summary_en text,
      domain text, sector text, capability_codes text[], district text, current_situation text, trl int,
      search_vector tsvector)`);
  const chunk = 200;
  for (let start = 0; start < variants.length; start += chunk) {
    const values: string[] = [];
    const params: unknown[] = [];
    variants.slice(start, start + chunk).forEach((v, k) => {
      const fields = scenarioSearchFields({ ...v, privateFields: [] });
      const first = params.length + 1;
      const vec = buildTsvector(fields, first + 12);
      params.push(
        start + k,
        v.title,
        v.summary,
        v.description,
        v.titleEn,
        v.summaryEn,
        v.domain,
        v.sector,
        v.capabilityCodes,
        v.district,
        v.currentSituation,
        v.trlRequired,
        ...vec.params,
      );
      const ph = Array.from({ length: 12 }, (_, j) => `$${first + j}`);
      values.push(`(${ph.join(', ')}, ${vec.sql})`);
    });
    await db.query(`INSERT INTO bench_variant VALUES ${values.join(', ')}`, params);
  }
  const [batch] = (
    await db.query(
      `INSERT INTO scenario_batch (year, number, title, status, published_at, created_by)
       VALUES (2026, 9, '2026年第9批场景机会清单', 'published', now(), gen_random_uuid()) RETURNING id`,
    )
  ).rows as { id: string }[];
  const step = 50_000;
  for (let from = 1; from <= rows; from += step) {
    const to = Math.min(rows, from + step - 1);
    // h: a per-row hash in [0, 1) that drives every random choice, deterministically.
    await db.query(
      `INSERT INTO scenario (code, agency_organisation_id, created_by, status, title, summary, description, domain,
         sector, capability_codes, district, site, current_situation, kpis, data_resources, trl_required, compliance,
         budget_min_yuan, budget_max_yuan, funding_type, proposal_deadline, expected_delivery_months, contact,
         private_fields, title_en, summary_en, batch_id, submitted_at, published_at, closed_at, created_at, version,
         search_vector)
       SELECT 'HZ-' || (2024 + g % 3) || '-' || upper(left(v.domain, 2)) || '-' || lpad(g::text, 7, '0'),
         $1, gen_random_uuid(), st.status, v.title, v.summary, v.description, v.domain, v.sector, v.capability_codes,
         v.district, 'agency_site', v.current_situation,
         '[{"metric":"准确率","baseline":"90","target":"98","unit":"%"}]'::jsonb, '[]'::jsonb, v.trl,
         '{"algorithmFiling":false,"generativeAiFiling":false,"dataSecurityLevel":"general","personalInformation":false}'::jsonb,
         b.lo, b.lo * (2 + (g % 3)), 'agency_budget',
         CASE WHEN st.status = 'published' THEN now() + ((1 + g % 90) || ' days')::interval
              ELSE now() - ((1 + g % 400) || ' days')::interval END,
         6, '{"name":"联系人","phone":"0572-2000000","email":"c@example.gov.cn","public":false}'::jsonb,
         CASE WHEN g % 10 = 0 THEN ARRAY['budget'] ELSE '{}'::text[] END, v.title_en, v.summary_en, $2,
         p.at - interval '20 days', CASE WHEN st.status IN ('draft', 'submitted') THEN NULL ELSE p.at END,
         CASE WHEN st.status IN ('published', 'draft', 'submitted', 'cancelled') THEN NULL ELSE p.at + interval '40 days' END,
         p.at - interval '30 days', 3, v.search_vector
       FROM generate_series($3::int, $4::int) AS g
       CROSS JOIN LATERAL (SELECT ((g::bigint * 2654435761) % 4294967296) / 4294967296.0 AS h) r
       JOIN bench_variant v ON v.idx = (g::bigint * 7919) % $5
       CROSS JOIN LATERAL (SELECT CASE
           WHEN r.h < 0.62 THEN 'published' WHEN r.h < 0.80 THEN 'closed' WHEN r.h < 0.84 THEN 'awarded'
           WHEN r.h < 0.88 THEN 'in_delivery' WHEN r.h < 0.92 THEN 'accepted' WHEN r.h < 0.94 THEN 'demonstration'
           WHEN r.h < 0.96 THEN 'draft' WHEN r.h < 0.98 THEN 'submitted' ELSE 'cancelled' END AS status) st
       CROSS JOIN LATERAL (SELECT (100000 * (1 + (g % 40)))::bigint AS lo) b
       CROSS JOIN LATERAL (SELECT now() - ((g % 700) || ' days')::interval - ((g % 86400) || ' seconds')::interval AS at) p`,
      [agencyId, batch.id, from, to, variants.length],
    );
    options.log?.(`  ${to.toLocaleString('en')} / ${rows.toLocaleString('en')} scenarios`);
  }
  // A settled table, as in production: visibility map set and the GIN pending list merged.
  await db.query(`VACUUM ANALYZE scenario`);
}
