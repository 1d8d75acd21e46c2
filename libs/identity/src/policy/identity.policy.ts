import { type Actor, isCentreRole, ROLES_BY_ORGANISATION_TYPE, type Role } from '@app/common';
import type { OrganisationEntity } from '../organisations/organisation.entity';

/**
 * Object-level rules for identity objects. Services call these for every read and write; the
 * route-level role guard only says who may call a function at all.
 */
export const identityPolicy = {
  /** Centre staff see every organisation; everyone else only their own. */
  canViewOrganisation(actor: Actor, org: Pick<OrganisationEntity, 'id'>): boolean {
    return isCentreRole(actor.role) || actor.organisationId === org.id;
  },

  /** Organisation admins manage their own members; the platform admin manages any organisation's. */
  canManageMembers(actor: Actor, org: Pick<OrganisationEntity, 'id'>): boolean {
    if (actor.role === 'platform_admin') return true;
    return (actor.role === 'agency_admin' || actor.role === 'vendor_admin') && actor.organisationId === org.id;
  },

  /** Which roles `actor` may hand out in `org`: never more than the organisation type allows, never above oneself. */
  assignableRoles(actor: Actor, org: Pick<OrganisationEntity, 'type'>): readonly Role[] {
    const allowed = ROLES_BY_ORGANISATION_TYPE[org.type];
    if (actor.role === 'platform_admin') return allowed;
    return allowed.filter((r) => r !== 'reviewer');
  },
} as const;
