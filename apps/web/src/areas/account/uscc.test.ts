import { describe, expect, it } from 'vitest';
import { checkUsccPrefix, normaliseUscc, USCC_ALPHABET, usccCheckCharacter, validateUscc } from './uscc';

/** Codes the demo seed gives its organisations (apps/cli/src/seed/demo-data.ts, `demoUscc`). */
const DEMO_CODES = [
  '1233050097W5L9C0N6', // 湖州市人工智能赋能中心 (public institution)
  '11330500KQDQRD9PBA', // 湖州市交通运输局 (government body)
  '11330523BBT2NFPEED', // 安吉县文化和广电旅游体育局
  '91330502ME0N4E7FMB', // 九州未来（湖州）科技有限公司 (enterprise)
  '913305030WNHLG317D', // 优艾智合（湖州）机器人科技有限公司
];

describe('validateUscc (GB 32100-2015)', () => {
  it.each(DEMO_CODES)('accepts the demo code %s', (code) => {
    expect(validateUscc(code)).toEqual({ valid: true, code });
  });

  it('accepts a published code whose check character is a letter', () => {
    expect(validateUscc('91110000802100433B')).toEqual({ valid: true, code: '91110000802100433B' });
  });

  it('normalises lower case and spaces before checking', () => {
    expect(validateUscc(' 91330502me0n4e7fmb ')).toEqual({ valid: true, code: '91330502ME0N4E7FMB' });
    expect(validateUscc('9133 0502 ME0N 4E7F MB')).toEqual({ valid: true, code: '91330502ME0N4E7FMB' });
    expect(normaliseUscc('a b\tc')).toBe('ABC');
  });

  it('refuses a wrong check character', () => {
    for (const code of DEMO_CODES) {
      const right = code[17];
      const wrong = USCC_ALPHABET[(USCC_ALPHABET.indexOf(right) + 1) % USCC_ALPHABET.length];
      expect(validateUscc(code.slice(0, 17) + wrong)).toMatchObject({
        valid: false,
        rule: 'check_character',
        position: 18,
      });
    }
  });

  it('detects a swap of two different neighbouring characters', () => {
    const code = '91330502ME0N4E7FMB';
    const swapped = code.slice(0, 9) + code[10] + code[9] + code.slice(11);
    expect(validateUscc(swapped)).toMatchObject({ valid: false, rule: 'check_character' });
  });

  it('refuses characters outside the alphabet (I, O, S, V, Z, punctuation), naming the position', () => {
    expect(validateUscc('91330502ME0N4E7FMI')).toMatchObject({ valid: false, rule: 'charset', position: 18 });
    expect(validateUscc('91330502MO0N4E7FMB')).toMatchObject({
      valid: false,
      rule: 'charset',
      position: 10,
      character: 'O',
    });
    expect(validateUscc('Z1330502ME0N4E7FMB')).toMatchObject({ valid: false, rule: 'charset', position: 1 });
    expect(validateUscc('91330502ME0N-E7FMB')).toMatchObject({ valid: false, rule: 'charset', position: 13 });
  });

  it('names the structural rule that fails', () => {
    expect(validateUscc('9133050')).toMatchObject({ valid: false, rule: 'length' });
    expect(validateUscc('91330502ME0N4E7FMB1')).toMatchObject({ valid: false, rule: 'length' });
    expect(validateUscc('B1110000802100433B')).toMatchObject({ valid: false, rule: 'authority' });
    expect(validateUscc('90110000802100433B')).toMatchObject({ valid: false, rule: 'category' });
    expect(validateUscc('911A0000802100433B')).toMatchObject({ valid: false, rule: 'division', position: 4 });
  });

  it('computes the check character with weights 3^(i-1) mod 31', () => {
    expect(usccCheckCharacter('91330502ME0N4E7FM')).toBe('B');
    expect(usccCheckCharacter('91110000802100433')).toBe('B');
  });
});

describe('checkUsccPrefix (while typing)', () => {
  it('does not complain about a correct code that is still incomplete', () => {
    for (let n = 0; n <= 18; n++) expect(checkUsccPrefix('91330502ME0N4E7FMB'.slice(0, n)).valid).toBe(true);
  });

  it('complains about a wrong character as soon as it is typed', () => {
    expect(checkUsccPrefix('9133O')).toMatchObject({ valid: false, rule: 'charset', position: 5 });
    expect(checkUsccPrefix('0')).toMatchObject({ valid: false, rule: 'authority' });
    expect(checkUsccPrefix('90')).toMatchObject({ valid: false, rule: 'category' });
    expect(checkUsccPrefix('9133A')).toMatchObject({ valid: false, rule: 'division', position: 5 });
  });

  it('checks the check character once all 18 are there', () => {
    expect(checkUsccPrefix('91330502ME0N4E7FMC')).toMatchObject({ valid: false, rule: 'check_character' });
  });
});
