/** Mirrors of the API's request and response shapes the account pages use. */
import type { OrganisationView, UserView } from '../../auth/types';

/** POST auth/register (libs/identity/src/dto/identity.dto.ts, RegisterDto). */
export interface RegisterBody {
  organisation: {
    type: 'agency' | 'vendor';
    nameZh: string;
    nameEn?: string;
    uscc: string;
    districtCode: string;
    contactName: string;
    contactPhone: string;
    contactEmail: string;
  };
  user: { email: string; password: string; displayName: string };
}

export interface RegistrationView {
  organisation: OrganisationView;
  user: UserView;
}

/** POST auth/change-password. */
export interface ChangePasswordBody {
  currentPassword: string;
  newPassword: string;
}

export type NotificationChannel = 'in_app' | 'email';
export type NotificationMode = 'instant' | 'digest' | 'off';

/** GET notifications/preferences, one item per type (libs/notifications/src/preferences). */
export interface NotificationPreference {
  type: string;
  label: { 'zh-CN': string; en: string };
  inApp: 'instant' | 'off';
  email: 'instant' | 'digest' | 'off';
  defaults: { inApp: 'instant' | 'off'; email: 'instant' | 'digest' | 'off' };
}

export interface NotificationPreferences {
  items: NotificationPreference[];
}

export interface PreferenceChange {
  type: string;
  channel: NotificationChannel;
  mode: NotificationMode;
}

/** GET saved-searches (libs/notifications/src/saved-searches). */
export interface SavedSearchFilters {
  q?: string;
  domain?: string[];
  sector?: string;
  capability?: string[];
  district?: string[];
  budgetMin?: number;
  budgetMax?: number;
  trl?: number;
  deadlineFrom?: string;
  deadlineTo?: string;
  batch?: string;
}

export interface SavedSearch {
  id: string;
  name: string;
  filters: SavedSearchFilters;
  /** The filters as a query string of the public opportunity list. */
  listQuery: string;
  createdAt: string;
}

export interface SavedSearchList {
  items: SavedSearch[];
  max: number;
}
