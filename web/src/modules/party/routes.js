// Console routes of the party module, spread into kConsoleRoutes (router/index.js).
// meta.menu: the page has an entry in the left menu (core/menu.js, group 党建), in this order.
// Party membership is personal data: every page asks for party.read; the two committees page
// for autonomy.two_committees.read (docs/api-autonomy.md, "Two committees").
const group = { groupKey: 'party.menu.group' };
const read = ['party.read'];

export const kPartyRoutes = [
  {
    // 党组织: the tree with its warnings, the organizer's to-do list, members of the selected one.
    path: 'party/orgs',
    name: 'party-orgs',
    component: () => import('./PartyOrgsPage.vue'),
    meta: { ...group, menu: true, titleKey: 'party.menu.orgs', permissions: read },
  },
  {
    // 党员: one member, their household links (党员联户) and visits, community report.
    path: 'party/members/:id(\\d+)',
    name: 'party-member',
    component: () => import('./PartyMemberPage.vue'),
    meta: { ...group, titleKey: 'party.menu.member', permissions: read },
  },
  {
    // 在职党员双报到: members who reported to the community, its needs and the hours.
    path: 'party/community',
    name: 'party-community',
    component: () => import('./CommunityPage.vue'),
    meta: { ...group, menu: true, titleKey: 'party.menu.community', permissions: read },
  },
  {
    // 村"两委": a township's or county's overview and a village's two committees.
    path: 'party/two-committees',
    name: 'party-two-committees',
    component: () => import('./TwoCommitteesPage.vue'),
    meta: { ...group, menu: true, titleKey: 'party.menu.twoCommittees', permissions: ['autonomy.two_committees.read'] },
  },
];
