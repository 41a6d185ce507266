import { describe, expect, it } from 'vitest';
import { visibleMenu } from '../../src/core/menu.js';
import { kCasesRoutes } from '../../src/modules/cases/routes.js';
import { kPeopleRoutes } from '../../src/modules/people/routes.js';

const paths = (menu) => menu.flatMap((item) => (item.children ? paths(item.children) : [item.path]));
const canAnyOf = (granted) => (perms) => perms.length === 0 || perms.some((p) => granted.has(p));

describe('menu by permission', () => {
  it('shows a grid worker only home and the org tree', () => {
    const menu = visibleMenu(canAnyOf(new Set(['org.read'])));
    expect(paths(menu)).toEqual(['/home', '/org']);
  });

  it('drops empty groups', () => {
    const menu = visibleMenu((perms) => perms.length === 0);
    expect(menu.map((m) => m.titleKey)).toEqual(['menu.home']);
  });

  it.each([
    ['menu.cases', kCasesRoutes],
    ['menu.people', kPeopleRoutes],
  ])('gives every entry of %s a route with the same permissions', (titleKey, routes) => {
    const group = visibleMenu(() => true).find((item) => item.titleKey === titleKey);
    for (const entry of group.children) {
      const route = routes.find((r) => `/${r.path}` === entry.path);
      expect(route, entry.path).toBeTruthy();
      expect(route.meta.permissions).toEqual(entry.permissions);
    }
  });
});

describe('cases menu', () => {
  it('shows a department handler the list but not the report form', () => {
    const menu = paths(visibleMenu(canAnyOf(new Set(['cases.read', 'cases.handle']))));
    expect(menu.filter((p) => p.startsWith('/cases'))).toEqual([
      '/cases/board',
      '/cases/tasks',
      '/cases/queue',
      '/cases',
      '/cases/categories',
      '/cases/calendar',
    ]);
  });
});

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
});
