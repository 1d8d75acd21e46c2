import fc from 'fast-check';
import { USCC_ALPHABET, usccCheckCharacter, validateUscc } from './uscc';

describe('validateUscc (GB 32100-2015)', () => {
  it.each([
    '91330500MA2B3C4D5E'.slice(0, 17) + usccCheckCharacter('91330500MA2B3C4D5'),
    '91110000802100433B', // a published code whose check character is B
  ])('accepts %s', (code) => {
    expect(validateUscc(code)).toEqual({ valid: true, code });
  });

  it('normalises case and surrounding space', () => {
    expect(validateUscc('  91110000802100433b ')).toEqual({ valid: true, code: '91110000802100433B' });
  });

  it('names the rule that failed', () => {
    expect(validateUscc('9133050')).toMatchObject({ valid: false, rule: 'length' });
    expect(validateUscc('91110000802100433I')).toMatchObject({ valid: false, rule: 'charset', position: 18 });
    expect(validateUscc('Z1110000802100433B')).toMatchObject({ valid: false, rule: 'charset', position: 1 });
    expect(validateUscc('B1110000802100433B')).toMatchObject({ valid: false, rule: 'authority' });
    expect(validateUscc('90110000802100433B')).toMatchObject({ valid: false, rule: 'category' });
    expect(validateUscc('911A0000802100433B')).toMatchObject({ valid: false, rule: 'division' });
    expect(validateUscc('91110000802100433C')).toMatchObject({
      valid: false,
      rule: 'check_character',
      expected: 'B',
    });
  });

  it('detects every single-character change of a valid code (property)', () => {
    const body = fc
      .tuple(
        fc.constantFrom(...'159Y'),
        fc.constantFrom(...'123'),
        fc.stringMatching(/^\d{6}$/),
        fc.array(fc.constantFrom(...USCC_ALPHABET), { minLength: 9, maxLength: 9 }),
      )
      .map(([a, b, d, rest]) => `${a}${b}${d}${rest.join('')}`);
    fc.assert(
      fc.property(body, fc.integer({ min: 9, max: 16 }), fc.constantFrom(...USCC_ALPHABET), (first17, pos, ch) => {
        const code = first17 + usccCheckCharacter(first17);
        expect(validateUscc(code).valid).toBe(true);
        fc.pre(code[pos] !== ch);
        const changed = code.slice(0, pos) + ch + code.slice(pos + 1);
        expect(validateUscc(changed)).toMatchObject({ valid: false, rule: 'check_character' });
      }),
      { numRuns: 500 },
    );
  });
});
