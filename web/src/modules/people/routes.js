// Console routes of the people module, spread into kConsoleRoutes (router/index.js).
// meta.menu: the page has an entry in the left menu (core/menu.js), in this order.
const group = { groupKey: 'menu.people' };
const read = ['people.read'];

export const kPeopleRoutes = [
  {
    path: 'people/residents',
    name: 'people-residents',
    component: () => import('./residents/ResidentList.vue'),
    meta: { ...group, menu: true, titleKey: 'menu.residents', permissions: read },
  },
  {
    path: 'people/residents/:id(\\d+)',
    name: 'people-resident',
    component: () => import('./residents/ResidentPage.vue'),
    meta: { ...group, titleKey: 'menu.resident', permissions: read },
  },
  {
    path: 'people/households',
    name: 'people-households',
    component: () => import('./households/HouseholdList.vue'),
    meta: { ...group, menu: true, titleKey: 'menu.households', permissions: read },
  },
  {
    path: 'people/households/:id(\\d+)',
    name: 'people-household',
    component: () => import('./households/HouseholdPage.vue'),
    meta: { ...group, titleKey: 'menu.household', permissions: read },
  },
  {
    path: 'people/houses',
    name: 'people-houses',
    component: () => import('./places/HouseList.vue'),
    meta: { ...group, menu: true, titleKey: 'menu.houses', permissions: read },
  },
  {
    path: 'people/houses/:id(\\d+)',
    name: 'people-house',
    component: () => import('./places/HousePage.vue'),
    meta: { ...group, titleKey: 'menu.house', permissions: read },
  },
  {
    path: 'people/units',
    name: 'people-units',
    component: () => import('./places/UnitList.vue'),
    meta: { ...group, menu: true, titleKey: 'menu.units', permissions: read },
  },
  {
    path: 'people/tags',
    name: 'people-tags',
    component: () => import('./residents/TagGroupsPage.vue'),
    meta: { ...group, menu: true, titleKey: 'menu.tagGroups', permissions: read },
  },
  {
    path: 'people/imports',
    name: 'people-imports',
    component: () => import('./imports/ImportPage.vue'),
    meta: { ...group, menu: true, titleKey: 'menu.imports', permissions: ['people.import'] },
  },
  {
    path: 'people/ledgers',
    name: 'people-ledgers',
    component: () => import('./ledgers/LedgerList.vue'),
    meta: { ...group, menu: true, titleKey: 'menu.ledgers', permissions: ['people.ledger.read'] },
  },
  {
    path: 'people/ledgers/field-usage',
    name: 'people-field-usage',
    component: () => import('./ledgers/FieldUsagePage.vue'),
    meta: { ...group, titleKey: 'menu.fieldUsage', permissions: ['people.ledger.read'] },
  },
  {
    path: 'people/ledgers/:key',
    name: 'people-ledger',
    component: () => import('./ledgers/LedgerPage.vue'),
    meta: { ...group, titleKey: 'menu.ledger', permissions: ['people.ledger.read'] },
  },
];
