import { etagMatches, strongEtag } from './http-cache';

describe('http cache helpers', () => {
  const etag = strongEtag('{"a":1}');

  it('makes a strong, quoted, content-derived ETag', () => {
    expect(etag).toMatch(/^"[\w-]{43}"$/);
    expect(strongEtag('{"a":1}')).toBe(etag);
    expect(strongEtag('{"a":2}')).not.toBe(etag);
  });

  it('matches If-None-Match lists, weak forms and *', () => {
    expect(etagMatches(undefined, etag)).toBe(false);
    expect(etagMatches(etag, etag)).toBe(true);
    expect(etagMatches(`"x", ${etag}`, etag)).toBe(true);
    expect(etagMatches(`W/${etag}`, etag)).toBe(true);
    expect(etagMatches('*', etag)).toBe(true);
    expect(etagMatches('"other"', etag)).toBe(false);
  });
});
