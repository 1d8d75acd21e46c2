/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character
 * alphabet (digits and capitals without I, O, S, V, Z); position 1 is the registration authority,
 * 2 the organisation category, 3–8 the administrative division, 9–17 the organisation code and 18
 * a check character: 31 − (Σ value(cᵢ)·3^(i−1) mod 31) mod 31.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
const AUTHORITIES = '123456789ANY';

export type UsccRule = 'length' | 'charset' | 'authority' | 'category' | 'division' | 'check_character';

export type UsccResult =
  { valid: true; code: string } | { valid: false; rule: UsccRule; position?: number; expected?: string };

export const USCC_RULE_TEXT: Record<UsccRule, { zh: string; en: string }> = {
  length: { zh: '长度必须为 18 位', en: 'must be exactly 18 characters' },
  charset: {
    zh: '含有不允许的字符（只能使用数字和除 I、O、S、V、Z 以外的大写字母）',
    en: 'contains a character outside the alphabet (digits and capitals except I, O, S, V, Z)',
  },
  authority: { zh: '第 1 位登记管理部门代码无效', en: 'position 1 (registration authority) is not valid' },
  category: { zh: '第 2 位机构类别代码无效', en: 'position 2 (organisation category) is not valid' },
  division: { zh: '第 3–8 位行政区划代码必须为数字', en: 'positions 3–8 (administrative division) must be digits' },
  check_character: { zh: '第 18 位校验码不正确', en: 'position 18 (check character) does not match' },
};

/** The check character for the first 17 characters (which must already be in the alphabet). */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** Normalises (trim, upper-case) and checks a code, naming the first rule it breaks. */
export function validateUscc(input: string): UsccResult {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return { valid: false, rule: 'length' };
  for (let i = 0; i < 18; i++) {
    if (!USCC_ALPHABET.includes(code[i])) return { valid: false, rule: 'charset', position: i + 1 };
  }
  if (!AUTHORITIES.includes(code[0])) return { valid: false, rule: 'authority', position: 1 };
  if (!/[1-9]/.test(code[1])) return { valid: false, rule: 'category', position: 2 };
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { valid: false, rule: 'division', position: 3 };
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) return { valid: false, rule: 'check_character', position: 18, expected };
  return { valid: true, code };
}
