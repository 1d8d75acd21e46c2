/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015, checked in the browser while it is typed.
 * The same rules as the API's (libs/identity/src/uscc/uscc.ts): 18 characters from a 31-character
 * alphabet (digits and capitals without I, O, S, V, Z); position 1 the registration authority, 2 the
 * organisation category, 3–8 the administrative division (digits), 9–17 the organisation code and 18 a
 * check character: (31 − Σ value(cᵢ)·wᵢ mod 31) mod 31 with wᵢ = 3^(i−1) mod 31.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const USCC_LENGTH = 18;
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
const AUTHORITIES = '123456789ANY';

export type UsccRule = 'length' | 'charset' | 'authority' | 'category' | 'division' | 'check_character';

export type UsccResult =
  { valid: true; code: string } | { valid: false; rule: UsccRule; code: string; position?: number; character?: string };

/** Trim, drop inner spaces people paste from documents, upper-case. */
export function normaliseUscc(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** The check character for the first 17 characters (which must already be in the alphabet). */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/**
 * What is wrong with the characters typed so far, ignoring that some may still be missing: lets the
 * form complain about a wrong character at once, without nagging about the length while typing.
 */
export function checkUsccPrefix(input: string): UsccResult {
  const code = normaliseUscc(input);
  if (code.length > USCC_LENGTH) return { valid: false, rule: 'length', code };
  for (let i = 0; i < code.length; i++) {
    if (!USCC_ALPHABET.includes(code[i]))
      return { valid: false, rule: 'charset', code, position: i + 1, character: code[i] };
  }
  if (code.length >= 1 && !AUTHORITIES.includes(code[0]))
    return { valid: false, rule: 'authority', code, position: 1, character: code[0] };
  if (code.length >= 2 && !/[1-9]/.test(code[1]))
    return { valid: false, rule: 'category', code, position: 2, character: code[1] };
  for (let i = 2; i < Math.min(code.length, 8); i++) {
    if (!/\d/.test(code[i])) return { valid: false, rule: 'division', code, position: i + 1, character: code[i] };
  }
  if (code.length === USCC_LENGTH && code[17] !== usccCheckCharacter(code.slice(0, 17)))
    return { valid: false, rule: 'check_character', code, position: 18, character: code[17] };
  return { valid: true, code };
}

/** The complete check: normalises, then names the first rule the code breaks. */
export function validateUscc(input: string): UsccResult {
  const code = normaliseUscc(input);
  const prefix = checkUsccPrefix(code);
  if (!prefix.valid) return prefix;
  if (code.length !== USCC_LENGTH) return { valid: false, rule: 'length', code };
  return { valid: true, code };
}
