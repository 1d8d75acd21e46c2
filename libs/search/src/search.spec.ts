import fc from 'fast-check';
import { bigrams, stemWord, tokensForIndex, tokensForQuery } from './analyzer';
import { synonymsOf } from './synonyms';
import { buildTsquery, queryTermCount, buildTsvector, MAX_QUERY_TERMS, searchSql } from './tsvector';
import { escapeHtml, highlight } from './highlight';

describe('analyzer', () => {
  it('segments mixed Chinese/English text, adds bigrams, lower-cases and folds plurals', () => {
    const tokens = tokensForIndex('童装面料瑕疵AI视觉检测 system, the LLMs');
    expect(tokens).toEqual(expect.arrayContaining(['童装', '面料', '瑕疵', '视觉', '检测', 'ai', 'system', 'llm']));
    // Bigrams across jieba's word boundaries.
    expect(tokens).toEqual(expect.arrayContaining(['装面', '料瑕', '觉检']));
    expect(tokens).not.toContain('the');
    expect(tokens).not.toContain('AI');
    expect(tokens.some((t) => /[\s,.]/.test(t))).toBe(false);
  });

  it('keeps domain words whole (user dictionary) and their parts for recall', () => {
    expect(tokensForIndex('数字人讲解')).toEqual(expect.arrayContaining(['数字人', '数字']));
    expect(tokensForIndex('植保无人机飞防作业')).toEqual(expect.arrayContaining(['植保无人机', '无人机', '飞防']));
    expect(tokensForIndex('智能排产系统')).toContain('智能排产');
  });

  it('drops stopwords and punctuation', () => {
    const tokens = tokensForIndex('湖羊的养殖、和 茶园与病虫害！ of and to');
    for (const stop of ['的', '和', '与', 'of', 'and', 'to', '、', '！']) expect(tokens).not.toContain(stop);
    expect(tokens).toEqual(expect.arrayContaining(['湖羊', '养殖', '茶园', '病虫害']));
  });

  it('folds full-width characters', () => {
    expect(tokensForIndex('ＡＩ ５Ｇ')).toEqual(['ai', '5g']);
  });

  it('stems plurals only where cheap and safe', () => {
    expect(stemWord('systems')).toBe('system');
    expect(stemWord('process')).toBe('process');
    expect(stemWord('status')).toBe('status');
    expect(stemWord('gis')).toBe('gis');
  });

  it('bigrams each Han run', () => {
    expect(bigrams('茶园虫')).toEqual(['茶园', '园虫']);
    expect(bigrams('茶')).toEqual([]);
  });

  it('groups query words and expands synonyms inside a group', () => {
    const terms = tokensForQuery('缺陷检测');
    expect(terms.map((t) => t.alternatives.map((a) => a.text))).toEqual([
      ['缺陷', '瑕疵', '疵点'],
      ['检测', '质检', '检验'],
    ]);
  });

  it('splits compound domain words on synonym terms so each part expands', () => {
    const words = tokensForQuery('植保无人机').map((t) => t.alternatives[0].text);
    expect(words).toEqual(['植保', '无人机']);
    expect(tokensForQuery('无人机')[0].alternatives.map((a) => a.text)).toContain('uav');
  });

  it('glues single characters jieba could not place into one word', () => {
    expect(tokensForQuery('湖州织袜').map((t) => t.alternatives[0].text)).toEqual(['湖州', '织袜']);
  });

  it('keeps two or more unplaced characters in a row as a word of their own', () => {
    // 信号配时: jieba knows 信号 but leaves 配 and 时; 号配 never occurs in a text about 信号 … 配时.
    expect(tokensForQuery('信号配时').map((t) => t.alternatives[0].text)).toEqual(['信号', '配时']);
  });

  it('has symmetric synonym groups', () => {
    expect(synonymsOf('缺陷')).toEqual(synonymsOf('瑕疵'));
    expect(synonymsOf('南浔')).toEqual(['南浔']);
  });
});

describe('buildTsquery', () => {
  it('ANDs terms and ORs synonyms', () => {
    expect(buildTsquery('缺陷检测')).toBe("('缺陷' | '瑕疵' | '疵点') & ('检测' | '质检' | '检验')");
    expect(buildTsquery('AI 质检')).toBe("'ai' & ('质检' | '检测' | '检验')");
  });

  it('ORs the terms when asked to match any of them, and counts terms like the query does', () => {
    expect(buildTsquery('布匹 缺陷', 'any')).toBe("'布匹' | ('缺陷' | '瑕疵' | '疵点')");
    expect(queryTermCount('布匹 缺陷')).toBe(2);
    expect(queryTermCount('  ')).toBe(0);
  });

  it('uses prefix matching for English tokens of 3+ letters only', () => {
    expect(buildTsquery('digital humans')).toBe("'digital':* & 'human':*");
    expect(buildTsquery('AI')).toBe("'ai'");
  });

  it('matches a longer Han word as the word or all its bigrams', () => {
    expect(buildTsquery('南浔古镇导览员')).toBe("'南浔' & '古镇' & ('导览员' | '导览' & '览员')");
  });

  it('matches a single Han character as a prefix', () => {
    expect(buildTsquery('茶')).toBe("'茶':*");
  });

  it('returns null when nothing is searchable', () => {
    for (const q of ['', '   ', '的了和', "' & | ! : * ( ) \\", 'the and of', null, undefined]) {
      expect(buildTsquery(q)).toBeNull();
    }
  });

  it('keeps tsquery syntax in user input out of the query', () => {
    const q = buildTsquery("童装' | !x:* & (y) \\' <-> z:A");
    expect(q).toBe("'童装' & 'x' & 'y' & 'z'");
  });

  it('caps the number of terms', () => {
    const long = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const q = buildTsquery(long)!;
    expect(q.split(' & ')).toHaveLength(MAX_QUERY_TERMS);
  });

  it('property: every lexeme is a quoted letters/digits token, operators only between them', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (input) => {
        const q = buildTsquery(input);
        if (q === null) return;
        // Remove quoted lexemes (with optional :*); what remains must be operators and parentheses.
        const lexemes = q.match(/'(?:[^']|'')*'(?::\*)?/g) ?? [];
        for (const l of lexemes) expect(l).toMatch(/^'[\p{L}\p{N}\p{M}]+'(:\*)?$/u);
        expect(q.replace(/'(?:[^']|'')*'(?::\*)?/g, '')).toMatch(/^[\s&|()]*$/);
      }),
    );
  });
});

describe('buildTsvector', () => {
  it('weights each field with a placeholder starting at the given index', () => {
    const { sql, params } = buildTsvector(
      [
        { text: '童装面料瑕疵检测', weight: 'A' },
        { text: null, weight: 'B' },
      ],
      3,
    );
    expect(sql).toBe("setweight(to_tsvector('simple', $3), 'A') || setweight(to_tsvector('simple', $4), 'B')");
    expect(params[0].split(' ')).toEqual(expect.arrayContaining(['童装', '瑕疵', '疵检']));
    expect(params[1]).toBe('');
  });

  it('rejects a weight that is not A–D (it is interpolated into SQL)', () => {
    expect(() => buildTsvector([{ text: 'x', weight: "A'); DROP TABLE x; --" as 'A' }])).toThrow();
  });
});

describe('searchSql', () => {
  it('builds WHERE and rank snippets', () => {
    expect(searchSql('s.search_vector', 2)).toEqual({
      where: "s.search_vector @@ to_tsquery('simple', $2)",
      rank: "ts_rank_cd('{0.1, 0.2, 0.4, 1.0}'::float4[], s.search_vector, to_tsquery('simple', $2), 32)",
    });
  });

  it('refuses a column name that is not an identifier', () => {
    expect(() => searchSql('x; drop table y', 1)).toThrow();
    expect(() => searchSql('v', 0)).toThrow();
  });
});

describe('highlight', () => {
  it('escapes HTML before marking', () => {
    const html = highlight('<script>alert(1)</script> 童装瑕疵 & "AI"', '瑕疵', { maxLength: 200 });
    expect(html).toBe('&#60;script&#62;alert(1)&#60;/script&#62; 童装<mark>瑕疵</mark> &#38; &#34;AI&#34;');
  });

  it('marks Chinese substrings and synonyms, English case-insensitively', () => {
    const html = highlight('童装面料瑕疵AI视觉检测 Systems', '缺陷检测 system', { maxLength: 200 });
    expect(html).toBe('童装面料<mark>瑕疵</mark>AI视觉<mark>检测</mark> <mark>Systems</mark>');
  });

  it('marks a longer word as one span', () => {
    expect(highlight('南浔古镇导览员上岗', '导览员', { maxLength: 50 })).toBe('南浔古镇<mark>导览员</mark>上岗');
  });

  it('cuts a window around the match within maxLength, counting the ellipses', () => {
    const text = '湖州'.repeat(50) + '茶园病虫害识别' + '安吉'.repeat(50);
    const html = highlight(text, '病虫害', { maxLength: 20 });
    expect(html).toContain('<mark>病虫害</mark>');
    expect(html.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(20);
    expect(html.startsWith('…')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
  });

  it('drops the ellipses when the budget has no room for them and some text', () => {
    expect(highlight(' Z ', 'Z', { maxLength: 1 })).toBe('<mark>Z</mark>');
    expect(highlight(' Z ', 'Z', { maxLength: 2 })).toBe('<mark>Z</mark> ');
    expect(highlight('abc Z def', 'Z', { maxLength: 5 })).toBe('… <mark>Z</mark> …');
  });

  it('returns the start of the text when nothing matches', () => {
    expect(highlight('abcdefghij', '茶园', { maxLength: 5 })).toBe('abcd…');
  });

  it('property: never lets markup through and respects maxLength', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.string({ maxLength: 20 }),
        fc.integer({ min: 1, max: 100 }),
        (t, q, n) => {
          const html = highlight(t, q, { maxLength: n });
          const withoutMarks = html.replace(/<\/?mark>/g, '');
          expect(withoutMarks).not.toMatch(/[<>"']/);
          const visible = withoutMarks.replace(/&#\d+;/g, '_');
          expect(visible.length).toBeLessThanOrEqual(Math.max(n, 0) || 1);
        },
      ),
    );
  });

  it('escapeHtml escapes the five characters', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&#60;&#62;&#38;&#34;&#39;');
  });
});

describe('SearchModule', () => {
  it('provides SearchService with the dictionary loaded at init', async () => {
    const { Test } = await import('@nestjs/testing');
    const { SearchModule, SearchService } = await import('@app/search');
    const moduleRef = await Test.createTestingModule({ imports: [SearchModule] }).compile();
    await moduleRef.init();
    const service = moduleRef.get(SearchService);
    expect(service.buildTsquery('数字人')).toContain("'数字人'");
    expect(service.tokensForIndex('文旅')).toContain('文旅');
    await moduleRef.close();
  });
});
