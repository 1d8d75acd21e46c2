/** The API's password rule (libs/identity/src/auth/passwords.ts): 10–128 characters, letters and digits. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'no_letter' | 'no_digit';

/** The first thing wrong with a new password, or null when the API will take it. */
export function passwordProblem(password: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'too_long';
  if (!/\p{L}/u.test(password)) return 'no_letter';
  if (!/\d/.test(password)) return 'no_digit';
  return null;
}

/** Contact phone as the API accepts it: 5–20 digits, spaces, +, -, parentheses. */
export const PHONE_PATTERN = /^[0-9+\-() ]{5,20}$/;
