import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { Role } from './api/session';
import type { IconName } from './components/icons';

export interface PageRoute {
  /** Also the nav label's key: `common:nav.<id>`. */
  id: string;
  path: string;
  icon: IconName;
  /** Who sees it in the navigation and may open it. */
  roles: readonly Role[];
  section: 'overview' | 'manage' | 'tools' | 'account';
  /** Pages still being built stay out of the navigation and show a placeholder. */
  ready: boolean;
  component: LazyExoticComponent<ComponentType>;
}

/**
 * Every page of the console, one line each. Each page lives in its own file with its own locale
 * namespace (`locales/<language>/<page>.json`), loaded on demand so the first load stays small.
 */
export const pages: readonly PageRoute[] = [
  {
    id: 'dashboard',
    path: '/dashboard',
    icon: 'dashboard',
    roles: ['admin'],
    section: 'overview',
    ready: true,
    component: lazy(() => import('./pages/admin/dashboard/dashboard-page')),
  },
  {
    id: 'usage',
    path: '/usage',
    icon: 'chart',
    roles: ['admin'],
    section: 'overview',
    ready: true,
    component: lazy(() => import('./pages/admin/usage-page')),
  },
  {
    id: 'keys',
    path: '/keys',
    icon: 'key',
    roles: ['admin'],
    section: 'manage',
    ready: true,
    component: lazy(() => import('./pages/admin/keys/keys-page')),
  },
  {
    id: 'accounts',
    path: '/accounts',
    icon: 'server',
    roles: ['admin'],
    section: 'manage',
    ready: true,
    component: lazy(() => import('./pages/admin/accounts/accounts-page')),
  },
  {
    id: 'users',
    path: '/users',
    icon: 'users',
    roles: ['admin'],
    section: 'manage',
    ready: true,
    component: lazy(() => import('./pages/admin/users-page')),
  },
  {
    id: 'approvals',
    path: '/approvals',
    icon: 'inbox',
    roles: ['admin'],
    section: 'manage',
    ready: true,
    component: lazy(() => import('./pages/admin/approvals-page')),
  },
  {
    id: 'settings',
    path: '/settings',
    icon: 'settings',
    roles: ['admin'],
    section: 'manage',
    ready: true,
    component: lazy(() => import('./pages/admin/settings-page')),
  },
  {
    id: 'myDashboard',
    path: '/my',
    icon: 'dashboard',
    roles: ['user'],
    section: 'overview',
    ready: true,
    component: lazy(() => import('./pages/user/my-dashboard-page')),
  },
  {
    id: 'myKeys',
    path: '/my/keys',
    icon: 'key',
    roles: ['user'],
    section: 'account',
    ready: true,
    component: lazy(() => import('./pages/user/my-keys-page')),
  },
  {
    id: 'myUsage',
    path: '/my/usage',
    icon: 'chart',
    roles: ['user'],
    section: 'account',
    ready: true,
    component: lazy(() => import('./pages/user/my-usage-page')),
  },
  {
    id: 'apply',
    path: '/my/apply',
    icon: 'send',
    roles: ['user'],
    section: 'account',
    ready: true,
    component: lazy(() => import('./pages/user/apply-page')),
  },
  {
    id: 'playground',
    path: '/playground',
    icon: 'play',
    roles: ['admin', 'user'],
    section: 'tools',
    ready: true,
    component: lazy(() => import('./pages/admin/playground/playground-page')),
  },
  {
    id: 'setup',
    path: '/setup',
    icon: 'book',
    roles: ['admin', 'user'],
    section: 'tools',
    ready: true,
    component: lazy(() => import('./pages/admin/setup-page')),
  },
];

/** Pages anyone can open without signing in. */
export const publicPages = {
  login: lazy(() => import('./pages/login-page')),
  checkKey: lazy(() => import('./pages/user/check-key-page')),
};

export function homePath(role: Role): string {
  return role === 'admin' ? '/dashboard' : '/my';
}
