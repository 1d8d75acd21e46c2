import { codesOf, findTerm, isKnownCode, TAXONOMY_TERMS, termLabel } from './taxonomy';

describe('taxonomy', () => {
  it('has the four programme domains plus other, and the seven Huzhou districts', () => {
    expect(codesOf('domain')).toEqual(['manufacturing', 'agriculture', 'culture_tourism', 'transport', 'other']);
    expect(codesOf('district')).toContain('south_taihu');
    expect(codesOf('district')).toHaveLength(7);
  });

  it('links every sector to a known domain', () => {
    const sectors = TAXONOMY_TERMS.filter((t) => t.kind === 'sector');
    expect(sectors.length).toBeGreaterThan(10);
    for (const s of sectors) expect(isKnownCode('domain', s.parentCode ?? '')).toBe(true);
  });

  it('labels codes in Chinese and English and leaves unknown codes as they are', () => {
    expect(termLabel('district', 'anji', 'zh-CN')).toBe('安吉县');
    expect(termLabel('district', 'anji', 'en')).toBe('Anji County');
    expect(termLabel('district', 'atlantis', 'en')).toBe('atlantis');
    expect(findTerm('capability', 'cv_inspection')?.labelZh).toBe('机器视觉质检');
  });
});
