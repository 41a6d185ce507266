import { describe, expect, it } from 'vitest';
import { visibleMenu } from '../../src/core/menu.js';
import { kPartyRoutes } from '../../src/modules/party/routes.js';
import { buildOrgTree, hoursBody, proposesJointBranch, villagesWithGaps, warningType } from '../../src/modules/party/partyFormat.js';

const paths = (menu) => menu.flatMap((item) => (item.children ? paths(item.children) : [item.path]));
const canAnyOf = (granted) => (perms) => perms.length === 0 || perms.some((p) => granted.has(p));

describe('party organization tree', () => {
  it('nests organizations under their parents and keeps the order', () => {
    const tree = buildOrgTree([
      { id: 1, parent_id: null, name: '镇党委' },
      { id: 2, parent_id: 1, name: '甲村支部' },
      { id: 3, parent_id: 2, name: '第一党小组' },
      { id: 4, parent_id: 1, name: '乙村支部' },
    ]);
    expect(tree.map((n) => n.name)).toEqual(['镇党委']);
    expect(tree[0].children.map((n) => n.name)).toEqual(['甲村支部', '乙村支部']);
    expect(tree[0].children[0].children[0].name).toBe('第一党小组');
  });

  it('makes an organization whose parent is outside the scope a root', () => {
    const tree = buildOrgTree([
      { id: 7, parent_id: 1, name: '甲村支部' },
      { id: 8, parent_id: null, name: '乙村支部' },
    ]);
    expect(tree.map((n) => n.id)).toEqual([7, 8]);
  });
});

describe('party warnings', () => {
  it('marks missing members and ended terms as urgent, the rest as warnings', () => {
    expect(warningType('party.org.formal.too_few')).toBe('error');
    expect(warningType('party.org.term.ended')).toBe('error');
    expect(warningType('party.org.term.ending')).toBe('warning');
    expect(warningType('party.org.members.over_50')).toBe('warning');
  });

  it('proposes a joint branch only for a branch with too few formal members', () => {
    const warnings = [{ code: 'party.org.formal.too_few' }];
    expect(proposesJointBranch({ kind: 'branch', warnings })).toBe(true);
    expect(proposesJointBranch({ kind: 'joint_branch', warnings })).toBe(false);
    expect(proposesJointBranch({ kind: 'branch', warnings: [{ code: 'party.org.term.ending' }] })).toBe(false);
  });
});

describe('hours of a fulfilled need', () => {
  it('sends numbers for members with hours above 0 only', () => {
    expect(hoursBody({ 7: 2.5, 9: '1', 11: 0, 12: '', 13: null, 14: undefined, 15: 'x' })).toEqual([
      { member_id: 7, hours: 2.5 },
      { member_id: 9, hours: 1 },
    ]);
    expect(hoursBody({})).toEqual([]);
  });
});

describe('two committees overview', () => {
  const villages = [
    { org_code: '1', missing_secretary: false, missing_director: false },
    { org_code: '2', missing_secretary: true, missing_director: false },
    { org_code: '3', missing_secretary: false, missing_director: true },
  ];
  it('keeps every village unless asked for the gaps', () => {
    expect(villagesWithGaps(villages, false)).toHaveLength(3);
    expect(villagesWithGaps(villages, true).map((v) => v.org_code)).toEqual(['2', '3']);
  });
});

describe('party menu', () => {
  it('shows the party pages to a party secretary, the two committees by its own permission', () => {
    const secretary = paths(visibleMenu(canAnyOf(new Set(['org.read', 'party.read', 'autonomy.two_committees.read']))));
    expect(secretary.filter((p) => p.startsWith('/party/'))).toEqual(['/party/orgs', '/party/community', '/party/two-committees']);
  });

  it('shows township staff the two committees but no membership page', () => {
    const township = paths(visibleMenu(canAnyOf(new Set(['org.read', 'people.read', 'autonomy.two_committees.read']))));
    expect(township.filter((p) => p.startsWith('/party/'))).toEqual(['/party/two-committees']);
  });

  it('hides the group from users without party permissions', () => {
    const village = visibleMenu(canAnyOf(new Set(['org.read', 'people.read'])));
    expect(village.some((m) => m.titleKey === 'party.menu.group')).toBe(false);
  });

  it('asks party.read on every membership route', () => {
    for (const route of kPartyRoutes.filter((r) => r.name !== 'party-two-committees')) {
      expect(route.meta.permissions, route.path).toEqual(['party.read']);
    }
  });
});
