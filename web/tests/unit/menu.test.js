import { describe, expect, it } from 'vitest';
import { visibleMenu } from '../../src/core/menu.js';

const paths = (menu) => menu.flatMap((item) => (item.children ? paths(item.children) : [item.path]));

describe('menu by permission', () => {
  it('shows a grid worker only home and the org tree', () => {
    const granted = new Set(['org.read']);
    const menu = visibleMenu((perms) => perms.length === 0 || perms.some((p) => granted.has(p)));
    expect(paths(menu)).toEqual(['/home', '/org']);
  });

  it('drops empty groups', () => {
    const menu = visibleMenu((perms) => perms.length === 0);
    expect(menu.map((m) => m.titleKey)).toEqual(['menu.home']);
  });
});
