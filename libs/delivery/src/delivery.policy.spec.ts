import type { Actor, Role } from '@app/common';
import type { DeliveryEntity } from './delivery.entity';
import { deliveryPolicy } from './delivery.policy';

const AGENCY = 'agency-org';
const scenario = { agencyOrganisationId: AGENCY, status: 'in_delivery' as const };
const delivery = (id: string, lead: string, members: string[]) =>
  ({ id, leadOrganisationId: lead, memberOrganisationIds: [lead, ...members] }) as DeliveryEntity;
const deliveries = [delivery('d1', 'lead-1', ['member-1']), delivery('d2', 'lead-2', [])];
const actor = (role: Role, organisationId: string | null): Actor => ({ userId: 'u', organisationId, role });

describe('delivery policy', () => {
  it('tells the centre, the owning agency and each winning vendor apart; nobody else is a party', () => {
    expect(deliveryPolicy.roleOf(actor('staff', 'centre'), scenario, deliveries)).toEqual({ kind: 'centre' });
    expect(deliveryPolicy.roleOf(actor('platform_admin', 'centre'), scenario, deliveries)).toEqual({ kind: 'centre' });
    expect(deliveryPolicy.roleOf(actor('agency_officer', AGENCY), scenario, deliveries)).toEqual({ kind: 'agency' });
    expect(deliveryPolicy.roleOf(actor('vendor_member', 'member-1'), scenario, deliveries)).toEqual({
      kind: 'vendor',
      delivery: deliveries[0],
      lead: false,
    });
    expect(deliveryPolicy.roleOf(actor('vendor_admin', 'lead-2'), scenario, deliveries)).toMatchObject({
      delivery: deliveries[1],
      lead: true,
    });
    expect(deliveryPolicy.roleOf(actor('agency_admin', 'other-agency'), scenario, deliveries)).toBeNull();
    expect(deliveryPolicy.roleOf(actor('vendor_admin', 'loser'), scenario, deliveries)).toBeNull();
    expect(deliveryPolicy.roleOf(actor('reviewer', null), scenario, deliveries)).toBeNull();
    // An agency user whose organisation happens to be a vendor id is still not that vendor.
    expect(deliveryPolicy.roleOf(actor('agency_admin', 'lead-1'), scenario, deliveries)).toBeNull();
  });

  it('makes only the lead of that delivery and the owning agency parties to milestone agreements', () => {
    const lead1 = deliveryPolicy.roleOf(actor('vendor_admin', 'lead-1'), scenario, deliveries);
    const member1 = deliveryPolicy.roleOf(actor('vendor_admin', 'member-1'), scenario, deliveries);
    const agency = deliveryPolicy.roleOf(actor('agency_admin', AGENCY), scenario, deliveries);
    const staff = deliveryPolicy.roleOf(actor('staff', 'centre'), scenario, deliveries);
    expect(deliveryPolicy.milestonePartyOf(lead1, deliveries[0])).toBe('vendor');
    expect(deliveryPolicy.milestonePartyOf(lead1, deliveries[1])).toBeNull();
    expect(deliveryPolicy.milestonePartyOf(member1, deliveries[0])).toBeNull();
    expect(deliveryPolicy.milestonePartyOf(agency, deliveries[1])).toBe('agency');
    expect(deliveryPolicy.milestonePartyOf(staff, deliveries[0])).toBeNull();
  });

  it('takes verdicts and trial results from the owning agency and staff (not platform admins or vendors)', () => {
    const roleOf = (a: Actor) => deliveryPolicy.acceptancePartyOf(a, deliveryPolicy.roleOf(a, scenario, deliveries));
    expect(roleOf(actor('agency_officer', AGENCY))).toBe('agency');
    expect(roleOf(actor('staff', 'centre'))).toBe('centre');
    expect(roleOf(actor('platform_admin', 'centre'))).toBeNull();
    expect(roleOf(actor('vendor_admin', 'lead-1'))).toBeNull();
  });
});
