// The left menu. Each item appears only when the user holds one of its permissions.
// The people and cases groups list their modules' routes marked meta.menu, with the routes' own
// titles and permissions.
import { kCasesRoutes } from '../modules/cases/routes.js';
import { kPeopleRoutes } from '../modules/people/routes.js';
import { kAutonomyRoutes } from '../modules/autonomy/routes.js';
import { kPartyRoutes } from '../modules/party/routes.js';

function menuEntriesOf(routes) {
  return routes
    .filter((route) => route.meta.menu)
    .map(({ path, meta }) => ({ path: `/${path}`, titleKey: meta.titleKey, permissions: meta.permissions }));
}

export const kMenu = [
  { path: '/home', titleKey: 'menu.home', icon: 'HomeFilled', permissions: [] },
  {
    titleKey: 'menu.org',
    icon: 'Location',
    children: [{ path: '/org', titleKey: 'menu.orgTree', permissions: ['org.read'] }],
  },
  { titleKey: 'menu.people', icon: 'Document', children: menuEntriesOf(kPeopleRoutes) },
  { titleKey: 'menu.cases', icon: 'Tickets', children: menuEntriesOf(kCasesRoutes) },
  // 党建: party organizations, community reports and the two committees (村"两委").
  { titleKey: 'party.menu.group', icon: 'Flag', children: menuEntriesOf(kPartyRoutes) },
  // 村务: decisions (四议两公开), disclosures, deliberation and conventions.
  { titleKey: 'autonomy.menu.group', icon: 'Notebook', children: menuEntriesOf(kAutonomyRoutes) },
  {
    titleKey: 'menu.system',
    icon: 'Setting',
    children: [
      {
        path: '/system/users',
        titleKey: 'menu.users',
        permissions: ['user.read', 'security.unlock', 'security.password.reset'],
      },
      { path: '/system/roles', titleKey: 'menu.roles', permissions: ['user.read'] },
    ],
  },
  { path: '/audit', titleKey: 'menu.audit', icon: 'Document', permissions: ['audit.read'] },
];

/** The menu the user may see: leaves filtered by permission, empty groups dropped. */
export function visibleMenu(canAny, menu = kMenu) {
  const result = [];
  for (const item of menu) {
    if (item.children) {
      const children = visibleMenu(canAny, item.children);
      if (children.length > 0) result.push({ ...item, children });
    } else if (canAny(item.permissions)) {
      result.push(item);
    }
  }
  return result;
}
