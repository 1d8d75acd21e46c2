export const ROLES = [
  'agency_officer',
  'agency_admin',
  'vendor_member',
  'vendor_admin',
  'reviewer',
  'staff',
  'platform_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_TYPES = ['agency', 'vendor', 'enablement_centre'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** Which roles a member of each organisation type may hold. Reviewers may also belong to none. */
export const ROLES_BY_ORGANISATION_TYPE: Record<OrganisationType, readonly Role[]> = {
  agency: ['agency_officer', 'agency_admin'],
  vendor: ['vendor_member', 'vendor_admin'],
  enablement_centre: ['staff', 'platform_admin', 'reviewer'],
};

/** Roles of the enablement centre that see across organisations. */
export const CENTRE_ROLES: readonly Role[] = ['staff', 'platform_admin'];

export function isCentreRole(role: Role): boolean {
  return CENTRE_ROLES.includes(role);
}
