import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Role } from '../auth/types';

/** A link in the navigation of an area, shown to users with one of the roles (everyone if none). */
export interface NavItem {
  to: string;
  /** i18n key of the label. */
  labelKey: string;
  icon?: ReactNode;
  roles?: Role[];
}

/** What each area of the app contributes: its routes (under the layout) and its menu entries. */
export interface AreaModule {
  routes: RouteObject[];
  nav: NavItem[];
}
