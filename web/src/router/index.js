import { createRouter, createWebHistory } from 'vue-router';
import { useAuthStore } from '../core/stores/auth.js';
import { kPeopleRoutes } from '../modules/people/routes.js';
import { kCasesRoutes } from '../modules/cases/routes.js';
import { kAutonomyRoutes } from '../modules/autonomy/routes.js';
import { kPartyRoutes } from '../modules/party/routes.js';
import { pendingRedirect } from '../modules/auth/pendingSteps.js';

// Desktop console at "/". The mobile pages will live under "/m/" as their own route tree.
export const kConsoleRoutes = [
  {
    path: 'home',
    name: 'home',
    component: () => import('../modules/home/HomePage.vue'),
    meta: { titleKey: 'menu.home', affix: true },
  },
  {
    path: 'org',
    name: 'org',
    component: () => import('../modules/org/OrgBrowser.vue'),
    meta: { titleKey: 'menu.orgTree', groupKey: 'menu.org', permissions: ['org.read'] },
  },
  {
    path: 'org/:code/map',
    name: 'grid-map',
    component: () => import('../modules/org/GridMap.vue'),
    meta: { titleKey: 'menu.gridMap', groupKey: 'menu.org', permissions: ['org.read'] },
  },
  {
    path: 'grids/:code',
    name: 'grid',
    component: () => import('../modules/org/GridPage.vue'),
    meta: { titleKey: 'menu.grid', groupKey: 'menu.org', permissions: ['org.read'] },
  },
  ...kPeopleRoutes,
  ...kCasesRoutes,
  ...kAutonomyRoutes,
  ...kPartyRoutes,
  {
    path: 'system/users',
    name: 'users',
    component: () => import('../modules/system/UserList.vue'),
    meta: {
      titleKey: 'menu.users',
      groupKey: 'menu.system',
      permissions: ['user.read', 'security.unlock', 'security.password.reset'],
    },
  },
  {
    path: 'system/roles',
    name: 'roles',
    component: () => import('../modules/system/RoleList.vue'),
    meta: { titleKey: 'menu.roles', groupKey: 'menu.system', permissions: ['user.read'] },
  },
  {
    path: 'audit',
    name: 'audit',
    component: () => import('../modules/audit/AuditPage.vue'),
    meta: { titleKey: 'menu.audit', permissions: ['audit.read'] },
  },
  {
    path: '403',
    name: 'forbidden',
    component: () => import('../core/pages/ForbiddenPage.vue'),
    meta: { titleKey: 'menu.forbidden' },
  },
  {
    path: ':pathMatch(.*)*',
    name: 'not-found',
    component: () => import('../core/pages/NotFoundPage.vue'),
    meta: { titleKey: 'menu.notFound' },
  },
];

export const routes = [
  {
    path: '/login',
    name: 'login',
    component: () => import('../modules/auth/LoginPage.vue'),
    meta: { public: true },
  },
  // Steps the server asks of a session first (modules/auth/pendingSteps.js): outside the console
  // layout, whose menus and pages would only be refused until the step is done.
  {
    path: '/setup/password',
    name: 'password-change',
    component: () => import('../modules/auth/PasswordChangePage.vue'),
    meta: { pendingStep: 'password_change' },
  },
  {
    path: '/setup/totp',
    name: 'totp-enrol',
    component: () => import('../modules/auth/TotpEnrolPage.vue'),
    meta: { pendingStep: 'totp_enrol' },
  },
  {
    path: '/',
    component: () => import('../core/layout/AppLayout.vue'),
    redirect: '/home',
    children: kConsoleRoutes,
  },
];

export const router = createRouter({
  history: createWebHistory('/'),
  routes,
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const auth = useAuthStore();
  const user = await auth.ensureLoaded();
  if (!user) return { name: 'login', query: { redirect: to.fullPath } };
  const stepFirst = pendingRedirect(to, auth.pending);
  if (stepFirst) return stepFirst;
  if (!auth.canAny(to.meta.permissions)) return { name: 'forbidden', replace: true };
  return true;
});
