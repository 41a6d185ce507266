// The left menu. Each item appears only when the user holds one of its permissions.
export const kMenu = [
  { path: '/home', titleKey: 'menu.home', icon: 'HomeFilled', permissions: [] },
  {
    titleKey: 'menu.org',
    icon: 'Location',
    children: [{ path: '/org', titleKey: 'menu.orgTree', permissions: ['org.read'] }],
  },
  {
    titleKey: 'menu.people',
    icon: 'Document',
    children: [
      { path: '/people/residents', titleKey: 'menu.residents', permissions: ['people.read'] },
      { path: '/people/households', titleKey: 'menu.households', permissions: ['people.read'] },
      { path: '/people/houses', titleKey: 'menu.houses', permissions: ['people.read'] },
      { path: '/people/units', titleKey: 'menu.units', permissions: ['people.read'] },
      { path: '/people/tags', titleKey: 'menu.tagGroups', permissions: ['people.read'] },
      { path: '/people/imports', titleKey: 'menu.imports', permissions: ['people.import'] },
      { path: '/people/ledgers', titleKey: 'menu.ledgers', permissions: ['people.ledger.read'] },
    ],
  },
  {
    titleKey: 'menu.cases',
    icon: 'Tickets',
    children: [
      { path: '/cases/board', titleKey: 'caseBoard.menu', permissions: ['cases.read'] },
      { path: '/cases/tasks', titleKey: 'caseWork.menu.tasks', permissions: ['cases.read'] },
      { path: '/cases/desk', titleKey: 'caseWork.menu.desk', permissions: ['cases.dispatch', 'cases.file'] },
      { path: '/cases/queue', titleKey: 'caseWork.menu.queue', permissions: ['cases.handle'] },
      { path: '/cases', titleKey: 'menu.caseList', permissions: ['cases.read'] },
      { path: '/cases/report', titleKey: 'menu.caseReport', permissions: ['cases.report'] },
      { path: '/cases/hotline', titleKey: 'menu.caseHotline', permissions: ['cases.hotline'] },
      { path: '/cases/categories', titleKey: 'menu.caseCategories', permissions: ['cases.read'] },
      { path: '/cases/calendar', titleKey: 'menu.caseCalendar', permissions: ['cases.read'] },
    ],
  },
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
