// Console routes of the cases module, spread into kConsoleRoutes (router/index.js).
// meta.menu: the page has an entry in the left menu (core/menu.js), in this order.
const group = { groupKey: 'menu.cases' };
const read = ['cases.read'];

export const kCasesRoutes = [
  {
    // 案件看板: live numbers of an area (?org=), drill-down to its children.
    path: 'cases/board',
    name: 'cases-board',
    component: () => import('./board/CaseBoard.vue'),
    meta: { ...group, menu: true, titleKey: 'caseBoard.menu', permissions: read },
  },
  // The work pages of the case loop (work/caseWork.js); core/menu.js lists them after the board.
  {
    // 我的待办: what waits for the user, by their permissions.
    path: 'cases/tasks',
    name: 'cases-tasks',
    component: () => import('./work/MyTasks.vue'),
    meta: { ...group, menu: true, titleKey: 'caseWork.menu.tasks', permissions: read },
  },
  {
    // 分拨台: 待立案 and 待派遣 of the township or county centre.
    path: 'cases/desk',
    name: 'cases-desk',
    component: () => import('./work/DispatchDesk.vue'),
    meta: { ...group, menu: true, titleKey: 'caseWork.menu.desk', permissions: ['cases.dispatch', 'cases.file'] },
  },
  {
    // 部门待办: the cases dispatched to the user's department.
    path: 'cases/queue',
    name: 'cases-queue',
    component: () => import('./work/DepartmentQueue.vue'),
    meta: { ...group, menu: true, titleKey: 'caseWork.menu.queue', permissions: ['cases.handle'] },
  },
  {
    path: 'cases',
    name: 'cases-list',
    component: () => import('./CaseList.vue'),
    meta: { ...group, menu: true, titleKey: 'menu.caseList', permissions: read },
  },
  {
    path: 'cases/:id(\\d+)',
    name: 'cases-case',
    component: () => import('./CasePage.vue'),
    meta: { ...group, titleKey: 'menu.case', permissions: read },
  },
  {
    path: 'cases/report',
    name: 'cases-report',
    component: () => import('./intake/CaseReportPage.vue'),
    meta: { ...group, menu: true, titleKey: 'menu.caseReport', permissions: ['cases.report'] },
  },
  {
    path: 'cases/hotline',
    name: 'cases-hotline',
    component: () => import('./intake/HotlinePage.vue'),
    meta: { ...group, menu: true, titleKey: 'menu.caseHotline', permissions: ['cases.hotline'] },
  },
  {
    // Everyone who handles cases may read the deadlines; only cases.admin edits (in the page).
    path: 'cases/categories',
    name: 'cases-categories',
    component: () => import('./catalogue/CategoryList.vue'),
    meta: { ...group, menu: true, titleKey: 'menu.caseCategories', permissions: read },
  },
  {
    path: 'cases/calendar',
    name: 'cases-calendar',
    component: () => import('./catalogue/CalendarPage.vue'),
    meta: { ...group, menu: true, titleKey: 'menu.caseCalendar', permissions: read },
  },
];
