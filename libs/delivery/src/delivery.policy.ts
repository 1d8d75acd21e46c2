import type { EntityManager } from 'typeorm';
import { AccessError, type Actor, isCentreRole } from '@app/common';
import { scenarioPolicy, type ScenarioEntity } from '@app/scenarios';
import type { DeliveryEntity } from './delivery.entity';
import type { AcceptanceParty, MilestoneParty } from './delivery-status';

/**
 * Who the caller is to a scenario's delivery: the centre (sees everything), the owning agency, or a
 * winning vendor (lead or consortium member of one delivery); null for anybody else.
 */
export type DeliveryRole =
  { kind: 'centre' } | { kind: 'agency' } | { kind: 'vendor'; delivery: DeliveryEntity; lead: boolean };

const VENDOR_ROLES: readonly string[] = ['vendor_admin', 'vendor_member'];

export const deliveryPolicy = {
  roleOf(
    actor: Actor,
    s: Pick<ScenarioEntity, 'agencyOrganisationId' | 'status'>,
    deliveries: DeliveryEntity[],
  ): DeliveryRole | null {
    if (isCentreRole(actor.role)) return { kind: 'centre' };
    if (scenarioPolicy.isOwningAgencyMember(actor, s)) return { kind: 'agency' };
    if (VENDOR_ROLES.includes(actor.role) && actor.organisationId) {
      // A vendor takes part in at most one proposal per scenario, so in at most one delivery.
      const delivery = deliveries.find((d) => d.memberOrganisationIds.includes(actor.organisationId as string));
      if (delivery) return { kind: 'vendor', delivery, lead: delivery.leadOrganisationId === actor.organisationId };
    }
    return null;
  },

  /** Milestone agreements are between the lead vendor of that delivery and the owning agency. */
  milestonePartyOf(role: DeliveryRole | null, delivery: DeliveryEntity): MilestoneParty | null {
    if (role?.kind === 'agency') return 'agency';
    if (role?.kind === 'vendor' && role.lead && role.delivery.id === delivery.id) return 'vendor';
    return null;
  },

  /** Verdicts and trial results come from the owning agency and the centre's staff. */
  acceptancePartyOf(actor: Actor, role: DeliveryRole | null): AcceptanceParty | null {
    if (role?.kind === 'agency') return 'agency';
    if (role?.kind === 'centre' && actor.role === 'staff') return 'centre';
    return null;
  },
} as const;

/**
 * The caller's organisation must (still) be verified to act on a delivery: an agency or vendor whose
 * verification was withdrawn reads but no longer changes anything.
 */
export async function assertVerifiedOrganisation(em: EntityManager, actor: Actor): Promise<void> {
  if (isCentreRole(actor.role)) return;
  const [org] = (await em.query(`SELECT status FROM organisation WHERE id = $1`, [actor.organisationId])) as {
    status: string;
  }[];
  if (org?.status !== 'verified') throw new AccessError('ACCESS_FORBIDDEN');
}
