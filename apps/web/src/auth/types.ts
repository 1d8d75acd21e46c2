/** Mirrors of the API's identity views (libs/identity/src/dto/identity.views.ts). */
export type Role =
  'agency_officer' | 'agency_admin' | 'vendor_member' | 'vendor_admin' | 'reviewer' | 'staff' | 'platform_admin';

export type OrganisationType = 'agency' | 'vendor' | 'enablement_centre';

export interface OrganisationView {
  id: string;
  type: OrganisationType;
  nameZh: string;
  nameEn: string | null;
  uscc: string;
  districtCode: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  status: 'pending' | 'verified' | 'rejected';
  statusReason: string | null;
  createdAt: string;
}

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organisationId: string | null;
  status: 'active' | 'disabled';
  /** The language of the emails the user receives (follows the header's language switch). */
  locale: 'zh-CN' | 'en';
  createdAt: string;
}

export interface MeView {
  user: UserView;
  organisation: OrganisationView | null;
}

export interface SessionView {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: UserView;
}

/** Which part of the app a role works in. */
export type Area = 'agency' | 'vendor' | 'staff' | 'reviewer';

export const AREA_OF_ROLE: Record<Role, Area> = {
  agency_officer: 'agency',
  agency_admin: 'agency',
  vendor_member: 'vendor',
  vendor_admin: 'vendor',
  reviewer: 'reviewer',
  staff: 'staff',
  platform_admin: 'staff',
};
