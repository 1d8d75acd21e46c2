import { AccessError, type Actor } from '@app/common';

/** Who may do what in evaluation, beyond the routes' role checks (services call these on every command). */
export const evaluationPolicy = {
  /** Centre staff run evaluations: rubric, panel, scoring rounds, shortlist, award, objections. */
  assertStaff(actor: Actor): void {
    if (actor.role !== 'staff') throw new AccessError('ACCESS_FORBIDDEN');
  },

  /**
   * Staff read the evaluation (consensus, coverage, decisions). Platform admins run the platform and
   * do not read proposals (the proposals context shows them the count only), so not this either.
   */
  assertCentreReader(actor: Actor): void {
    if (actor.role !== 'staff') throw new AccessError('ACCESS_FORBIDDEN');
  },

  assertReviewer(actor: Actor): void {
    if (actor.role !== 'reviewer') throw new AccessError('ACCESS_FORBIDDEN');
  },

  assertVendor(actor: Actor): void {
    if ((actor.role !== 'vendor_admin' && actor.role !== 'vendor_member') || !actor.organisationId)
      throw new AccessError('ACCESS_FORBIDDEN');
  },
} as const;
