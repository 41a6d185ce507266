import { describe, expect, it } from 'vitest';
import { visibleMenu } from '../../src/core/menu.js';
import { kPeopleRoutes } from '../../src/modules/people/routes.js';

const paths = (menu) => menu.flatMap((item) => (item.children ? paths(item.children) : [item.path]));
const canAnyOf = (granted) => (perms) => perms.length === 0 || perms.some((p) => granted.has(p));

describe('people menu', () => {
  it('shows village staff every people page', () => {
    const menu = visibleMenu(canAnyOf(new Set(['org.read', 'people.read', 'people.import', 'people.ledger.read'])));
    expect(paths(menu).filter((p) => p.startsWith('/people/'))).toEqual([
      '/people/residents',
      '/people/households',
      '/people/houses',
      '/people/units',
      '/people/tags',
      '/people/imports',
      '/people/ledgers',
    ]);
  });

  it('shows a department handler without people.import no import page', () => {
    const menu = visibleMenu(canAnyOf(new Set(['people.read', 'people.ledger.read'])));
    expect(paths(menu)).not.toContain('/people/imports');
    expect(paths(menu)).toContain('/people/ledgers');
  });

  it('gives every menu entry a route with the same permissions', () => {
    const menu = visibleMenu(() => true).find((item) => item.titleKey === 'menu.people');
    for (const entry of menu.children) {
      const route = kPeopleRoutes.find((r) => `/${r.path}` === entry.path);
      expect(route, entry.path).toBeTruthy();
      expect(route.meta.permissions).toEqual(entry.permissions);
    }
  });
});
