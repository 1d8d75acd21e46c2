import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { IdentityError } from '../identity.errors';

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

@Injectable()
export class Passwords {
  /** A hash of a random password, verified against when the email is unknown so timing does not tell. */
  private readonly decoy = argon2.hash(`decoy-${Math.random()}`, ARGON2_OPTIONS);

  /** Throws IDENTITY_WEAK_PASSWORD naming `field` unless the password is long and mixes letters and digits. */
  assertStrong(password: string, field: string): void {
    const strong =
      password.length >= PASSWORD_MIN_LENGTH &&
      password.length <= PASSWORD_MAX_LENGTH &&
      /\p{L}/u.test(password) &&
      /\d/.test(password);
    if (!strong) throw new IdentityError('IDENTITY_WEAK_PASSWORD', {}, field);
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    if (!hash) {
      await argon2.verify(await this.decoy, password).catch(() => false);
      return false;
    }
    return argon2.verify(hash, password).catch(() => false);
  }
}
