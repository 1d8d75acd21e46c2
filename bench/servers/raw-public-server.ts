/**
 * Baseline for the public list: a bare node:http handler running the same SQL as the Nest route —
 * the list's page and facet queries through the same `PublicListQueries` (same SQL, same cache), the
 * cards by id, and for the detail the scenario by code plus its Q&A, amendments and attachments —
 * then JSON.stringify of the rows. No framework, validation, views, highlighting, ETag or logging.
 */
import { createServer, type ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { loadConfig } from '@app/config';
import { PUBLIC_SCENARIO_STATUSES, PublicListQueries, type PublicScenarioQuery, type PublicSort } from '@app/scenarios';
import { buildTsquery, highlight } from '@app/search';

const config = loadConfig(process.env);
const pool = new Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE });
const queries = new PublicListQueries(
  async (sql, params) => (await pool.query(sql, params as unknown[])).rows,
  config.PUBLIC_LIST_CACHE_SECONDS,
);
const PUBLIC = [...PUBLIC_SCENARIO_STATUSES];
// The columns the API reads for a detail: every mapped one (not the search vector).
let DETAIL_COLUMNS = '*';
const list = (v: string | null) => (v ? v.split(',') : undefined);
const num = (v: string | null) => (v === null ? undefined : Number(v));

async function listPage(params: URLSearchParams): Promise<unknown> {
  const query: PublicScenarioQuery = {
    q: params.get('q') ?? undefined,
    domain: list(params.get('domain')),
    district: list(params.get('district')),
    capability: list(params.get('capability')),
    sector: params.get('sector') ?? undefined,
    budgetMin: num(params.get('budgetMin')),
    budgetMax: num(params.get('budgetMax')),
    trl: num(params.get('trl')),
    status: (params.get('status') as PublicScenarioQuery['status']) ?? undefined,
  };
  const tsquery = query.q ? buildTsquery(query.q) : null;
  const sort = (params.get('sort') as PublicSort | null) ?? (tsquery ? 'relevance' : 'newest');
  const [rows, facets] = await Promise.all([
    queries.page(query, tsquery, sort, null, 20),
    queries.facets(query, tsquery),
  ]);
  const cards = await queries.cards(rows.slice(0, 20).map((r) => r.id));
  // The same product work as the API's list (highlighted title and summary when searching), so the
  // ratio measures the framework and its plumbing, not a feature the baseline skips.
  const q = query.q;
  const items = q
    ? cards.map((c) => ({
        ...c,
        highlights: {
          title: highlight(c.title, q, { maxLength: 100 }),
          summary: highlight(c.summary, q, { maxLength: 160 }),
        },
      }))
    : cards;
  return { items, facets };
}

async function detail(code: string): Promise<unknown> {
  const { rows } = await pool.query(`SELECT ${DETAIL_COLUMNS} FROM scenario WHERE code = $1 AND status = ANY ($2)`, [
    code,
    PUBLIC,
  ]);
  if (!rows[0]) return null;
  return { ...rows[0], ...(await queries.detailExtras(rows[0].id as string)) };
}

function send(res: ServerResponse, body: unknown): void {
  if (body === null) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const m = /^\/api\/v1\/public\/scenarios(?:\/([^/]+))?$/.exec(url.pathname);
  if (req.method !== 'GET' || !m) return void res.writeHead(404).end();
  (m[1] ? detail(decodeURIComponent(m[1])) : listPage(url.searchParams))
    .then((body) => send(res, body))
    .catch(() => res.writeHead(500).end());
});

void pool
  .query(
    `SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) AS cols FROM information_schema.columns
      WHERE table_name = 'scenario' AND column_name <> 'search_vector'`,
  )
  .then(({ rows }) => {
    DETAIL_COLUMNS = rows[0].cols as string;
    server.listen(Number(process.env.BENCH_PORT), '127.0.0.1', () => process.send?.('ready'));
  });
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
