import fc from 'fast-check';
import { encodeCursor, ValidationFailedError } from '@app/common';
import { buildTsquery } from './tsvector';
import { type PublicListDefinition, PublicListEngine } from './public-list-engine';

interface Query {
  q?: string;
  kind?: string;
  tags?: string[];
  colour?: string[];
  minSize?: number;
  sort?: 'newest' | 'size' | 'relevance';
  cursor?: string;
  limit?: number;
}
type Card = { id: string; title: string };

const DEFINITION: PublicListDefinition<Query, 'tag' | 'colour', 'newest' | 'size'> = {
  from: 'thing t',
  id: 't.id',
  visible: `t.public`,
  searchVector: 't.search_vector',
  cardColumns: 't.id AS id, t.title',
  sorts: {
    newest: { key: 't.created_at', desc: true, type: 'timestamptz' },
    size: { key: 't.size', desc: false, type: 'bigint' },
  },
  defaultSort: 'newest',
  filters: [
    { field: 'kind', where: (v) => `t.kind = ${v}` },
    { field: 'minSize', where: (v) => `t.size >= ${v}` },
  ],
  facets: {
    tag: { field: 'tags', value: 't.tags', multi: true, where: (v) => `t.tags && ${v}::text[]` },
    colour: {
      field: 'colour',
      value: 't.colour',
      where: (v) => `t.colour = ANY (${v}::text[])`,
      param: (v) => (v as string[]).map((c) => c.toUpperCase()),
    },
  },
};

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** An engine over a fake database: records every statement and answers from `answer`. */
function engine(answer: (sql: string, params: unknown[]) => unknown = () => [], ttlSeconds = 0) {
  const runs: { sql: string; params: unknown[] }[] = [];
  const e = new PublicListEngine<Query, 'tag' | 'colour', 'newest' | 'size', Card>(
    DEFINITION,
    async (sql, params) => {
      runs.push({ sql, params });
      return answer(sql, params);
    },
    ttlSeconds,
  );
  return { e, runs };
}

const isPage = (sql: string) => sql.includes('AS sort_key');
const isCards = (sql: string) => sql.startsWith('SELECT t.id AS id, t.title');

describe('PublicListEngine', () => {
  it('puts every value in a parameter, applies the visibility, and skips absent filters', async () => {
    const { e, runs } = engine();
    await e.page({ kind: 'a', minSize: 0, tags: [], colour: ['red'] }, null, 'newest', null, 20);
    const { sql, params } = runs[0];
    expect(sql).toContain('WHERE t.public');
    expect(sql).toContain('t.kind = $1');
    expect(sql).toContain('t.size >= $2'); // 0 is a value, not an absent filter
    expect(sql).toContain('t.colour = ANY ($3::text[])');
    expect(sql).not.toContain('t.tags &&'); // an empty list is no filter
    expect(sql).toContain('ORDER BY t.created_at DESC, t.id DESC');
    expect(params).toEqual(['a', 0, ['RED'], 21]);
  });

  it('pages past the cursor in the order’s direction, typed by the sort', async () => {
    const { e, runs } = engine();
    await e.page({}, null, 'size', ['42', ID(1)], 10);
    expect(runs[0].sql).toContain('(t.size, t.id) > ($1::bigint, $2::uuid)');
    expect(runs[0].sql).toContain('ORDER BY t.size ASC, t.id ASC');
    const tsquery = buildTsquery('面料');
    await e.page({ q: '面料' }, tsquery, 'relevance', ['0.5', ID(2)], 10);
    expect(runs[1].sql).toContain('t.search_vector @@ to_tsquery');
    expect(runs[1].sql).toContain(', 32), t.id) < ($2::real, $3::uuid)');
    expect(runs[1].params[0]).toBe(tsquery);
  });

  it('counts each facet without its own filter, multi-valued facets per element', async () => {
    const { e, runs } = engine(() => [
      { facet: 'colour', value: 'RED', count: 2 },
      { facet: 'tag', value: 'x', count: 3 },
    ]);
    const counts = await e.facets({ tags: ['x'], colour: ['red'] }, null);
    expect(counts).toEqual({ tag: { x: 3 }, colour: { RED: 2 } });
    const { sql } = runs[0];
    expect(sql).toContain('(t.tags && $1::text[]) AS m_tag');
    expect(sql).toContain('(t.colour = ANY ($2::text[])) AS m_colour');
    expect(sql).toMatch(/FROM base, unnest\(v_tag\) AS x WHERE m_colour GROUP BY x/);
    expect(sql).toMatch(/FROM base WHERE m_tag AND v_colour IS NOT NULL GROUP BY v_colour/);
    // Facets with no rows are present and empty.
    expect(await engine(() => []).e.facets({}, null)).toEqual({ tag: {}, colour: {} });
  });

  it('caches pages and counts by their filters, whatever the order of a list filter', async () => {
    const { e, runs } = engine(() => [], 60);
    await e.facets({ tags: ['a', 'b'] }, null);
    await e.facets({ tags: ['b', 'a'] }, null);
    expect(runs).toHaveLength(1);
    await e.facets({ tags: ['a'] }, null);
    await e.page({ kind: 'k' }, null, 'newest', null, 20);
    await e.page({ kind: 'k' }, null, 'newest', null, 20);
    expect(runs).toHaveLength(3);
    // Cards are never cached.
    await e.cards([ID(1)]);
    await e.cards([ID(1)]);
    expect(runs).toHaveLength(5);
  });

  it('sorts by relevance only with keywords, else by the list’s default', () => {
    const { e } = engine();
    expect(e.sortOf({})).toBe('newest');
    expect(e.sortOf({ q: '面料' })).toBe('relevance');
    expect(e.sortOf({ q: '   ', sort: 'relevance' })).toBe('newest');
    expect(e.sortOf({ q: '面料', sort: 'size' })).toBe('size');
  });

  it('returns the cards in page order, leaving out rows no longer public, with a cursor to the next page', async () => {
    const rows = [1, 2, 3].map((n) => ({ id: ID(n), sort_key: `2026-01-0${n} 00:00:00+00` }));
    const { e } = engine((sql) => {
      if (isPage(sql)) return rows;
      if (isCards(sql))
        return [
          { id: ID(2), title: 'two' },
          { id: ID(1), title: 'one' },
        ];
      return [];
    });
    const res = await e.list({ limit: 2 });
    expect(res.cards.map((c) => c.title)).toEqual(['one', 'two']);
    expect(res.nextCursor).toBe(encodeCursor(['newest', rows[1].sort_key, ID(2), 'all']));
    const last = await e.list({ limit: 3 });
    expect(last.nextCursor).toBeNull();
    const shrunk = await engine((sql) =>
      isPage(sql) ? rows.slice(0, 2) : isCards(sql) ? [{ id: ID(2), title: 'two' }] : [],
    ).e.list({ limit: 2 });
    expect(shrunk.cards.map((c) => c.title)).toEqual(['two']);
  });

  it('refuses a cursor of another sort, a malformed key or id, with a 400 on `cursor`', async () => {
    const { e } = engine();
    const bad = [
      encodeCursor(['size', '1', ID(1), 'all']),
      encodeCursor(['newest', 'yesterday', ID(1), 'all']),
      encodeCursor(['newest', '2026-01-01 00:00:00+00', 'not-a-uuid', 'all']),
      encodeCursor(['newest', '2026-01-01 00:00:00+00', ID(1), 'some']),
      'garbage',
    ];
    for (const cursor of bad) {
      const error = await e.list({ cursor }).catch((x: unknown) => x);
      expect(error).toBeInstanceOf(ValidationFailedError);
      expect((error as ValidationFailedError).violations).toEqual([{ field: 'cursor', rule: 'cursor' }]);
    }
    await expect(
      e.list({ cursor: encodeCursor(['newest', '2026-01-01 00:00:00+00', ID(1), 'any']) }),
    ).resolves.toMatchObject({
      match: 'any',
    });
  });

  it('falls back to any word on a first page that found nothing for several words, not when paging', async () => {
    const { e, runs } = engine((sql, params) =>
      isPage(sql) && params[0] === buildTsquery('布匹 瑕疵', 'any') ? [{ id: ID(1), sort_key: '0.1' }] : [],
    );
    const res = await e.list({ q: '布匹 瑕疵' });
    expect(res.match).toBe('any');
    expect(runs.filter((r) => isPage(r.sql)).map((r) => r.params[0])).toEqual([
      buildTsquery('布匹 瑕疵', 'all'),
      buildTsquery('布匹 瑕疵', 'any'),
    ]);
    expect((await e.list({ q: '布匹' })).match).toBe('all');
    const paging = await e.list({ q: '布匹 瑕疵', cursor: encodeCursor(['relevance', '0.5', ID(9), 'all']) });
    expect(paging.match).toBe('all');
    expect(await e.matchingIds({ q: '布匹 瑕疵' }, 100)).toEqual([ID(1)]);
  });

  it('builds SQL text from which filters are present, never from their values (property)', async () => {
    const statements = async (query: Query) => {
      const { e, runs } = engine();
      await e.page(query, null, 'size', null, 5);
      await e.facets(query, null);
      return runs;
    };
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1 }),
        fc.array(fc.string(), { minLength: 1, maxLength: 3 }),
        fc.integer(),
        async (kind, tags, minSize) => {
          const query = { kind, tags, colour: tags, minSize };
          const runs = await statements(query);
          const plain = await statements({ kind: 'k', tags: ['t'], colour: ['c'], minSize: 1 });
          expect(runs.map((r) => r.sql)).toEqual(plain.map((r) => r.sql));
          expect(runs[0].params).toEqual([kind, minSize, tags, tags.map((c) => c.toUpperCase()), 6]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses definitions it cannot turn into safe SQL', () => {
    const run = async () => [];
    expect(
      () => new PublicListEngine({ ...DEFINITION, facets: { 'bad name': DEFINITION.facets.tag } }, run, 0),
    ).toThrow('Invalid facet name');
    expect(
      () =>
        new PublicListEngine(
          {
            ...DEFINITION,
            sorts: { ...DEFINITION.sorts, relevance: DEFINITION.sorts.size } as typeof DEFINITION.sorts,
          },
          run,
          0,
        ),
    ).toThrow('relevance');
  });
});
