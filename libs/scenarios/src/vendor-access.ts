import type { EntityManager } from 'typeorm';
import type { Actor } from '@app/common';
import { EngagementError } from './engagement.errors';

export const VENDOR_ROLES = ['vendor_member', 'vendor_admin'] as const;

/**
 * The caller's organisation id, if the caller is a vendor user of a verified vendor: only they ask
 * clarification questions and follow scenarios.
 */
export async function assertVerifiedVendor(em: EntityManager, actor: Actor): Promise<string> {
  if (!(VENDOR_ROLES as readonly string[]).includes(actor.role) || !actor.organisationId)
    throw new EngagementError('ENGAGEMENT_VENDOR_NOT_VERIFIED');
  const [org] = (await em.query(`SELECT type, status FROM organisation WHERE id = $1`, [actor.organisationId])) as {
    type: string;
    status: string;
  }[];
  if (!org || org.type !== 'vendor' || org.status !== 'verified')
    throw new EngagementError('ENGAGEMENT_VENDOR_NOT_VERIFIED');
  return actor.organisationId;
}
