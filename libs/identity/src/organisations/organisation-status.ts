import { StateMachine } from '@app/common';

export const ORGANISATION_STATUSES = ['pending', 'verified', 'rejected'] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];
export type OrganisationTransition = 'verify' | 'reject';

/**
 * Agencies and vendors register as `pending`; enablement-centre staff verify or reject them. A
 * rejected organisation may be verified later (after it fixed its data); a verified one stays so.
 */
export const organisationLifecycle = new StateMachine<OrganisationStatus, OrganisationTransition>('organisation', {
  verify: { from: ['pending', 'rejected'], to: 'verified', by: ['staff', 'platform_admin'] },
  reject: { from: ['pending'], to: 'rejected', by: ['staff', 'platform_admin'] },
});
