import type { EntityManager } from 'typeorm';
import { IdentityError } from '../identity.errors';
import { violatedUniqueConstraint } from '../db-errors';
import { UserEntity } from './user.entity';

export type NewUserRow = Pick<UserEntity, 'email' | 'passwordHash' | 'displayName' | 'organisationId' | 'role'>;

/** Emails are unique regardless of case (index on lower(email)). */
export function emailTaken(em: EntityManager, email: string): Promise<boolean> {
  return em.createQueryBuilder(UserEntity, 'u').where('lower(u.email) = lower(:email)', { email }).getExists();
}

/** Inserts a user, mapping a taken email (checked first, and by the unique index under a race) to a 409. */
export async function insertUser(em: EntityManager, input: NewUserRow, emailField = 'email'): Promise<UserEntity> {
  if (await emailTaken(em, input.email)) throw new IdentityError('IDENTITY_EMAIL_TAKEN', {}, emailField);
  try {
    return await em.save(
      em.create(UserEntity, {
        ...input,
        email: input.email.toLowerCase(),
        status: 'active',
        passwordChangedAt: new Date(),
      }),
    );
  } catch (e) {
    if (violatedUniqueConstraint(e) === 'ux_app_user_email')
      throw new IdentityError('IDENTITY_EMAIL_TAKEN', {}, emailField);
    throw e;
  }
}
