import { type Actor, isCentreRole } from '@app/common';
import type { ScenarioEntity } from './scenario.entity';
import { PUBLIC_SCENARIO_STATUSES } from './scenario-status';

type Owned = Pick<ScenarioEntity, 'agencyOrganisationId' | 'status'>;

/** Object-level rules for scenarios; services call these on every read and write. */
export const scenarioPolicy = {
  /** Members of the owning agency and centre staff see every field in every status. */
  seesEverything(actor: Actor, s: Owned): boolean {
    return isCentreRole(actor.role) || actor.organisationId === s.agencyOrganisationId;
  },

  /** Others see a scenario only once it is published (or later), and then without its private fields. */
  canView(actor: Actor, s: Owned): boolean {
    return this.seesEverything(actor, s) || PUBLIC_SCENARIO_STATUSES.includes(s.status);
  },

  /** Only the owning agency's officers and admins change their scenario's content or submit it. */
  isOwningAgencyMember(actor: Actor, s: Owned): boolean {
    return (
      (actor.role === 'agency_officer' || actor.role === 'agency_admin') &&
      actor.organisationId === s.agencyOrganisationId
    );
  },
} as const;
