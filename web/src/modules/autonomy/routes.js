// Console routes of the autonomy module (村务: 四议两公开, 三务公开, 议事协商, 村规民约), spread
// into kConsoleRoutes (router/index.js). meta.menu: the page has an entry in the left menu
// (core/menu.js), in this order.
const group = { groupKey: 'autonomy.menu.group' };
const read = ['autonomy.read'];

export const kAutonomyRoutes = [
  {
    path: 'autonomy/decisions',
    name: 'autonomy-decisions',
    component: () => import('./decisions/DecisionList.vue'),
    meta: { ...group, menu: true, titleKey: 'autonomy.menu.decisions', permissions: read },
  },
  {
    path: 'autonomy/decisions/:id(\\d+)',
    name: 'autonomy-decision',
    component: () => import('./decisions/DecisionPage.vue'),
    meta: { ...group, titleKey: 'autonomy.menu.decision', permissions: read },
  },
  {
    path: 'autonomy/disclosures',
    name: 'autonomy-disclosures',
    component: () => import('./disclosures/DisclosureList.vue'),
    meta: { ...group, menu: true, titleKey: 'autonomy.menu.disclosures', permissions: read },
  },
  {
    path: 'autonomy/disclosures/:id(\\d+)',
    name: 'autonomy-disclosure',
    component: () => import('./disclosures/DisclosurePage.vue'),
    meta: { ...group, titleKey: 'autonomy.menu.disclosure', permissions: read },
  },
  {
    path: 'autonomy/schedule',
    name: 'autonomy-schedule',
    component: () => import('./disclosures/SchedulePage.vue'),
    meta: { ...group, menu: true, titleKey: 'autonomy.menu.schedule', permissions: read },
  },
  {
    path: 'autonomy/topics',
    name: 'autonomy-topics',
    component: () => import('./deliberation/TopicList.vue'),
    meta: { ...group, menu: true, titleKey: 'autonomy.menu.topics', permissions: read },
  },
  {
    path: 'autonomy/topics/:id(\\d+)',
    name: 'autonomy-topic',
    component: () => import('./deliberation/TopicPage.vue'),
    meta: { ...group, titleKey: 'autonomy.menu.topic', permissions: read },
  },
  {
    path: 'autonomy/conventions',
    name: 'autonomy-conventions',
    component: () => import('./conventions/ConventionPage.vue'),
    meta: { ...group, menu: true, titleKey: 'autonomy.menu.conventions', permissions: read },
  },
];
