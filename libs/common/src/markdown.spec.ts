import { renderMarkdown, sanitizeRenderedHtml } from './markdown';

const ALLOWED = new Set(
  ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'h3', 'h4'].concat([
    'h5',
    'h6',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'a',
  ]),
);

/**
 * No executable markup, whatever the input: every real tag (escaped text has no `<`) is on the
 * allowlist, with only href (http/https/mailto), rel, or a text-align style on table cells.
 */
function expectInert(html: string | null) {
  expect(html).not.toBeNull();
  for (const [, name, attrs] of (html as string).matchAll(/<\/?([a-zA-Z0-9-]+)([^>]*)>/g)) {
    expect(ALLOWED).toContain(name.toLowerCase());
    for (const [, attr, value] of attrs.matchAll(/([^\s=]+)="([^"]*)"/g)) {
      if (attr === 'href') expect(value).toMatch(/^(https?:\/\/|mailto:)/);
      else if (attr === 'rel') expect(value).toBe('nofollow noopener noreferrer');
      else if (attr === 'style') expect(value).toMatch(/^text-align:(left|right|center)$/);
      else throw new Error(`unexpected attribute ${attr} in ${html}`);
    }
    expect(attrs.replace(/([^\s=]+)="([^"]*)"/g, '').trim()).toBe('');
  }
}

describe('renderMarkdown', () => {
  it('keeps null as null and renders empty text as empty', () => {
    expect(renderMarkdown(null)).toBeNull();
    expect(renderMarkdown(undefined)).toBeNull();
    expect(renderMarkdown('')).toBe('');
  });

  it.each([
    ['a script tag', '<script>alert(1)</script>正文'],
    ['a javascript: link', '[点我](javascript:alert(1))'],
    ['a mixed-case javascript: link', '[点我](JaVaScRiPt:alert(document.cookie))'],
    ['an entity-encoded javascript: link', '[点我](&#106;avascript:alert(1))'],
    ['a vbscript: link', '[点我](vbscript:msgbox(1))'],
    ['an <img onerror>', '<img src=x onerror=alert(1)>'],
    ['an image with a quote-breaking URL', '![a](x" onerror="alert(1))'],
    ['a data: link', '[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['a data: image', '![d](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
    ['a raw HTML block', '<div onclick="alert(1)">\n<a href="javascript:alert(1)">x</a>\n</div>'],
    ['nested tag tricks', '<<script>script>alert(1)<</script>/script>'],
    ['an svg with a script', '<svg><script>alert(1)</script></svg>'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>'],
    ['a link whose text is HTML', '[<img src=x onerror=alert(1)>](https://example.cn)'],
    ['a protocol-relative link', '[x](//evil.example/a)'],
  ])('neutralises %s', (_name, source) => {
    expectInert(renderMarkdown(source));
  });

  it('shows raw HTML as text rather than dropping what the agency typed', () => {
    expect(renderMarkdown('<script>alert(1)</script>正文')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;正文</p>');
  });

  it('keeps http(s) and mailto links, with rel="nofollow noopener noreferrer"', () => {
    const html = renderMarkdown('[官网](https://example.cn/a?b=1) 与 http://example.org 以及 mailto:li@example.gov.cn');
    expect(html).toContain('<a href="https://example.cn/a?b=1" rel="nofollow noopener noreferrer">官网</a>');
    expect(html).toContain('<a href="http://example.org" rel="nofollow noopener noreferrer">http://example.org</a>');
    expect(html).toContain('<a href="mailto:li@example.gov.cn" rel="nofollow noopener noreferrer">');
  });

  it('renders lists, quotes, code, headings (h1/h2 become h3) and Chinese text', () => {
    const html = renderMarkdown(
      '# 背景\n## 现状\n### 目标\n织里童装**面料**瑕疵检测，*人工*目检。\n\n- 一\n- 二\n\n1. 甲\n2. 乙\n\n> 引用\n\n`代码`\n\n```\n预格式\n```',
    );
    expect(html).toBe(
      [
        '<h3>背景</h3>',
        '<h3>现状</h3>',
        '<h3>目标</h3>',
        '<p>织里童装<strong>面料</strong>瑕疵检测，<em>人工</em>目检。</p>',
        '<ul>\n<li>一</li>\n<li>二</li>\n</ul>',
        '<ol>\n<li>甲</li>\n<li>乙</li>\n</ol>',
        '<blockquote>\n<p>引用</p>\n</blockquote>',
        '<p><code>代码</code></p>',
        '<pre><code>预格式\n</code></pre>',
      ].join('\n'),
    );
  });

  it('renders tables with column alignment only', () => {
    const html = renderMarkdown('| 指标 | 目标 |\n|:--|--:|\n| 检出率 | 99% |');
    expect(html).toContain('<table>');
    expect(html).toContain('<th style="text-align:left">指标</th>');
    expect(html).toContain('<td style="text-align:right">99%</td>');
  });

  it('leaves quotes and dashes as typed (typographer off)', () => {
    expect(renderMarkdown('"引号" -- (c) ...')).toBe('<p>"引号" -- (c) ...</p>');
  });
});

describe('sanitizeRenderedHtml (the allowlist on its own)', () => {
  it.each([
    '<p>a<script>alert(1)</script></p>',
    '<p><img src=x onerror=alert(1)></p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="https://ok.example" onclick="alert(1)" target="_blank">x</a>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<td style="text-align:left;background:url(x)">x</td>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<h1 onmouseover="alert(1)">x</h1>',
  ])('strips %s to inert markup', (html) => {
    expectInert(sanitizeRenderedHtml(html));
  });

  it('overrides any rel and drops other link attributes', () => {
    expect(sanitizeRenderedHtml('<a href="https://ok.example" rel="opener" target="_blank">x</a>')).toBe(
      '<a href="https://ok.example" rel="nofollow noopener noreferrer">x</a>',
    );
  });

  it('removes disallowed styles and attributes', () => {
    expect(sanitizeRenderedHtml('<p style="color:red" class="x">a</p>')).toBe('<p>a</p>');
  });
});
