// Console routes of the cases module, spread into kConsoleRoutes (router/index.js).
const group = { groupKey: 'menu.cases' };
const read = ['cases.read'];

export const kCasesRoutes = [
  {
    // 案件看板: live numbers of an area (?org=), drill-down to its children.
    path: 'cases/board',
    name: 'cases-board',
    component: () => import('./board/CaseBoard.vue'),
    meta: { ...group, titleKey: 'caseBoard.menu', permissions: read },
  },
  {
    path: 'cases',
    name: 'cases-list',
    component: () => import('./CaseList.vue'),
    meta: { ...group, titleKey: 'menu.caseList', permissions: read },
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
    component: () => import('./CaseReportPage.vue'),
    meta: { ...group, titleKey: 'menu.caseReport', permissions: ['cases.report'] },
  },
  {
    path: 'cases/hotline',
    name: 'cases-hotline',
    component: () => import('./HotlinePage.vue'),
    meta: { ...group, titleKey: 'menu.caseHotline', permissions: ['cases.hotline'] },
  },
  {
    // Everyone who handles cases may read the deadlines; only cases.admin edits (in the page).
    path: 'cases/categories',
    name: 'cases-categories',
    component: () => import('./CategoryList.vue'),
    meta: { ...group, titleKey: 'menu.caseCategories', permissions: read },
  },
  {
    path: 'cases/calendar',
    name: 'cases-calendar',
    component: () => import('./CalendarPage.vue'),
    meta: { ...group, titleKey: 'menu.caseCalendar', permissions: read },
  },
];
