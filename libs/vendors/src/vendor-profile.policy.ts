import { type Actor, isCentreRole } from '@app/common';

/** Object-level rules for capability profiles; services call these on every read and write. */
export const vendorProfilePolicy = {
  /** A vendor's admins and members keep their own organisation's profile (verified or not yet). */
  ownsProfileOf(actor: Actor, organisationId: string): boolean {
    return (actor.role === 'vendor_admin' || actor.role === 'vendor_member') && actor.organisationId === organisationId;
  },

  /** Centre staff read any vendor's profile, listed or not. */
  readsAnyProfile(actor: Actor): boolean {
    return isCentreRole(actor.role);
  },

  /** The public sees a profile only on the capability list: its organisation is verified. */
  isListed(organisationStatus: string): boolean {
    return organisationStatus === 'verified';
  },
} as const;
