import { describe, expect, it } from 'vitest';
import zhCN from '../../src/locales/zh-CN.json';
import { kCasesRoutes } from '../../src/modules/cases/routes.js';
import { kMenu } from '../../src/core/menu.js';
import {
  absorbPage,
  boardCounts,
  countLabel,
  deskQueues,
  failureOutcome,
  groupCount,
  groupQueue,
  groupSources,
  kindCount,
  kindSources,
  kWorkKinds,
  mergeById,
  newSources,
  queueGroupOf,
  rowActions,
  shiftCounts,
  sortCases,
  sourcesHaveMore,
  stillIn,
  workKinds,
} from '../../src/modules/cases/work/caseWork.js';

// The demo roles' case permissions (server/modules/cases/permissions.cpp).
const kRoles = {
  township: ['cases.read', 'cases.report', 'cases.file', 'cases.dispatch', 'cases.handle', 'cases.verify', 'cases.close', 'cases.supervise', 'cases.follow_up'],
  department: ['cases.read', 'cases.handle'],
  village: ['cases.read', 'cases.report', 'cases.handle'],
  grid: ['cases.read', 'cases.report', 'cases.verify'],
  hotline: ['cases.read', 'cases.hotline', 'cases.follow_up'],
};

describe('which kinds of work a user sees', () => {
  it('gives the township centre everything but a department queue', () => {
    expect(workKinds(new Set(kRoles.township))).toEqual(['file', 'dispatch', 'verify', 'close', 'overdue', 'supervised']);
  });

  it('gives a department handler their queue, its overdue and supervised cases', () => {
    expect(workKinds(kRoles.department, { department: true })).toEqual(['handle', 'overdue', 'supervised']);
  });

  it('gives cases.handle no queue to staff whose org is not a department', () => {
    expect(workKinds(kRoles.village, { department: false })).toEqual([]);
    expect(workKinds(kRoles.township)).not.toContain('handle');
  });

  it('gives a grid worker the cases to verify only', () => {
    expect(workKinds(kRoles.grid)).toEqual(['verify']);
    expect(workKinds(kRoles.hotline)).toEqual([]);
  });

  it('keeps the card order of kWorkKinds', () => {
    const all = workKinds(new Set([...kRoles.township]), { department: true });
    expect(all).toEqual(kWorkKinds.filter((k) => all.includes(k)));
    expect(all).toHaveLength(kWorkKinds.length);
  });

  it('opens the desk queues by permission', () => {
    expect(deskQueues(kRoles.township).map((q) => q.key)).toEqual(['reported', 'filed']);
    expect(deskQueues(['cases.dispatch']).map((q) => q.key)).toEqual(['filed']);
    expect(deskQueues(kRoles.department)).toEqual([]);
  });
});

describe('list queries behind each kind', () => {
  it('asks one status per query, with the department where it narrows the list', () => {
    expect(kindSources('file').map((s) => s.query)).toEqual([{ status: 'reported' }]);
    expect(kindSources('close').map((s) => s.query)).toEqual([{ status: 'verified' }]);
    expect(kindSources('handle', { department: '330681901' }).map((s) => s.query)).toEqual([
      { status: 'dispatched', department: '330681901' },
      { status: 'accepted', department: '330681901' },
      { status: 'handling', department: '330681901' },
    ]);
    expect(kindSources('overdue').map((s) => s.query)).toEqual([{ overdue: 1 }]);
    expect(kindSources('nothing')).toEqual([]);
  });

  it('asks the server for open supervised cases', () => {
    const [source] = kindSources('supervised');
    expect(source.query).toEqual({ supervised: 1 });
    expect(source.filter).toBeUndefined();
  });

  it('keeps a department to the supervised cases still in its hands', () => {
    const [source] = kindSources('supervised', { department: '330681901' });
    expect(source.query).toEqual({ supervised: 1, department: '330681901' });
    expect(source.filter({ supervised: true, status: 'accepted' })).toBe(true);
    expect(source.filter({ supervised: true, status: 'resolved' })).toBe(false);
  });

  it('splits a department queue into its groups', () => {
    expect(groupSources('working', '330681901').map((s) => s.query)).toEqual([
      { status: 'accepted', department: '330681901' },
      { status: 'handling', department: '330681901' },
    ]);
    expect(groupSources('working', '')).toEqual([]);
    expect(groupSources('nope', '330681901')).toEqual([]);
  });
});

describe('counts', () => {
  const board = {
    pipeline: [
      { status: 'reported', count: 29 },
      { status: 'filed', count: 27 },
      { status: 'dispatched', count: 24 },
      { status: 'accepted', count: 39 },
      { status: 'handling', count: 37 },
      { status: 'resolved', count: 31 },
      { status: 'verified', count: 25 },
      { status: 'suspended', count: 0 },
    ],
    overdue: { count: 174, items: [] },
  };
  const counts = boardCounts(board);

  it('reads the board pipeline and overdue count', () => {
    expect(counts.reported).toBe(29);
    expect(counts.overdue).toBe(174);
    expect(boardCounts(null)).toBeNull();
    expect(boardCounts({})).toBeNull();
  });

  it('sums the statuses of a kind or group; supervised has no count', () => {
    expect(kindCount('handle', counts)).toBe(24 + 39 + 37);
    expect(kindCount('verify', counts)).toBe(31);
    expect(kindCount('overdue', counts)).toBe(174);
    expect(kindCount('supervised', counts)).toBeNull();
    expect(kindCount('file', null)).toBeNull();
    expect(groupCount('working', counts)).toBe(76);
    expect(groupCount('resolved', counts)).toBe(31);
  });

  it('moves a case between counts after an action', () => {
    const filed = shiftCounts(counts, { status: 'reported', overdue: true }, { status: 'filed', overdue: false });
    expect(filed.reported).toBe(28);
    expect(filed.filed).toBe(28);
    expect(filed.overdue).toBe(173);
    expect(counts.reported).toBe(29); // not changed in place
    const gone = shiftCounts(counts, { status: 'reported' }, { status: '' });
    expect(gone.reported).toBe(28);
    const same = shiftCounts(counts, { status: 'handling' }, { status: 'handling' });
    expect(same).toEqual(counts);
    expect(shiftCounts(null, { status: 'reported' }, { status: 'filed' })).toBeNull();
    expect(shiftCounts({ reported: 0 }, { status: 'reported' }, { status: 'filed' }).reported).toBe(0);
  });

  it('labels exact counts, loaded ones and unknown ones', () => {
    expect(countLabel(29, 20, true)).toBe('29');
    expect(countLabel(0, null, false)).toBe('0');
    expect(countLabel(null, 50, true)).toBe('50+');
    expect(countLabel(null, 7, false)).toBe('7');
    expect(countLabel(null, null, false)).toBe('');
  });
});

describe('order and grouping', () => {
  const c = (id, due, extra = {}) => ({ id, status: 'dispatched', urgency: 'normal', stage_due_at: due, ...extra });

  it('puts the earliest deadline first, urgent before normal at the same time, no deadline last', () => {
    const items = [
      c(1, '2026-11-27T08:00:00Z'),
      c(2, null),
      c(3, '2026-11-26T08:00:00Z'),
      c(4, '2026-11-27T08:00:00Z', { urgency: 'urgent' }),
      c(5, '2026-11-27T08:00:00Z'),
    ];
    expect(sortCases(items, 'due').map((x) => x.id)).toEqual([3, 4, 5, 1, 2]);
    expect(sortCases(items, 'newest').map((x) => x.id)).toEqual([5, 4, 3, 2, 1]);
    expect(items.map((x) => x.id)).toEqual([1, 2, 3, 4, 5]); // a copy is sorted
  });

  it('groups a department queue by status', () => {
    const groups = groupQueue([
      c(1, null, { status: 'dispatched' }),
      c(2, null, { status: 'handling' }),
      c(3, null, { status: 'accepted' }),
      c(4, null, { status: 'resolved' }),
      c(5, null, { status: 'closed' }),
    ]);
    expect(groups.dispatched.map((x) => x.id)).toEqual([1]);
    expect(groups.working.map((x) => x.id)).toEqual([2, 3]);
    expect(groups.resolved.map((x) => x.id)).toEqual([4]);
    expect(queueGroupOf('filed')).toBe('');
    expect(stillIn({ status: 'filed' }, ['filed'])).toBe(true);
    expect(stillIn(null, ['filed'])).toBe(false);
  });
});

describe('quick actions of a row', () => {
  const names = (c, perms) => rowActions(c, perms).map((a) => `${a.action}:${a.mode}${a.note_required ? '!' : ''}`);

  it('offers the desk file, reject and merge into the likely duplicate', () => {
    expect(names({ id: 9, status: 'reported' }, kRoles.township)).toEqual(['file:direct', 'reject:dialog!']);
    expect(names({ id: 9, status: 'reported', likely_duplicate_of: 7 }, kRoles.township)).toEqual([
      'file:direct',
      'reject:dialog!',
      'merge:merge',
    ]);
    expect(names({ id: 9, status: 'filed', likely_duplicate_of: 7 }, kRoles.township)).toEqual(['dispatch:dialog', 'merge:merge']);
    // Already merged: nothing to merge any more.
    expect(names({ id: 9, status: 'filed', likely_duplicate_of: 7, duplicate_of: 7 }, kRoles.township)).toEqual(['dispatch:dialog']);
  });

  it('offers a department accept, return, start, resolve and extension by status', () => {
    expect(names({ id: 1, status: 'dispatched' }, kRoles.department)).toEqual(['accept:direct', 'return:dialog!', 'request_extension:dialog!']);
    expect(names({ id: 1, status: 'accepted' }, kRoles.department)).toEqual(['start:direct', 'resolve:dialog!', 'request_extension:dialog!']);
    expect(names({ id: 1, status: 'handling' }, kRoles.department)).toEqual(['resolve:dialog!', 'request_extension:dialog!']);
    expect(names({ id: 1, status: 'resolved' }, kRoles.department)).toEqual([]);
  });

  it('offers nothing the user may not do', () => {
    expect(names({ id: 1, status: 'reported' }, kRoles.department)).toEqual([]);
    expect(names({ id: 1, status: 'dispatched' }, kRoles.grid)).toEqual([]);
  });

  it('refreshes the row on a conflict, drops it when gone, shows other problems', () => {
    expect(failureOutcome({ status: 409, code: 'cases.version_conflict' })).toBe('refresh');
    expect(failureOutcome({ status: 409, code: 'cases.transition.illegal' })).toBe('refresh');
    expect(failureOutcome({ status: 404, code: 'cases.case.not_found' })).toBe('drop');
    expect(failureOutcome({ status: 422, code: 'cases.note.required' })).toBe('show');
    expect(failureOutcome({ status: 409, code: 'cases.extension.pending' })).toBe('show');
  });
});

describe('paging over several queries', () => {
  it('moves each query on by its cursor and stops at the last page', () => {
    let sources = newSources([{ query: { status: 'accepted' } }, { query: { status: 'handling' } }]);
    expect(sourcesHaveMore(sources)).toBe(true);
    const first = absorbPage([], sources[0], { items: [{ id: 5 }, { id: 4 }], next_cursor: '4' });
    expect(first.source).toMatchObject({ cursor: '4', done: false });
    const second = absorbPage(first.items, sources[1], { items: [{ id: 3 }], next_cursor: null });
    expect(second.source.done).toBe(true);
    expect(second.items.map((x) => x.id)).toEqual([5, 4, 3]);
    sources = [first.source, second.source];
    expect(sourcesHaveMore(sources)).toBe(true);
    const last = absorbPage(second.items, sources[0], { items: [{ id: 2 }], next_cursor: null });
    expect(sourcesHaveMore([last.source, second.source])).toBe(false);
  });

  it('keeps only the cases a filtered query wants, and each case once', () => {
    const [source] = newSources(kindSources('supervised', { department: '330681901' }));
    const page = { items: [{ id: 1, status: 'handling' }, { id: 2, status: 'resolved' }], next_cursor: '2' };
    const taken = absorbPage([{ id: 1, status: 'accepted', version: 1 }], source, page);
    expect(taken.added).toBe(1);
    expect(taken.items).toEqual([{ id: 1, status: 'handling' }]);
    expect(mergeById([{ id: 1, v: 1 }, { id: 2 }], [{ id: 1, v: 2 }])).toEqual([{ id: 1, v: 2 }, { id: 2 }]);
  });
});

describe('routes and texts of the work pages', () => {
  it('registers the three pages with their permissions and menu entries', () => {
    const byName = Object.fromEntries(kCasesRoutes.map((r) => [r.name, r]));
    expect(byName['cases-tasks'].meta.permissions).toEqual(['cases.read']);
    expect(byName['cases-desk'].meta.permissions).toEqual(['cases.dispatch', 'cases.file']);
    expect(byName['cases-queue'].meta.permissions).toEqual(['cases.handle']);
    const work = kMenu
      .find((item) => item.titleKey === 'menu.cases')
      .children.filter((m) => ['/cases/tasks', '/cases/desk', '/cases/queue'].includes(m.path));
    expect(work.map((m) => m.path)).toEqual(['/cases/tasks', '/cases/desk', '/cases/queue']);
    for (const entry of work) {
      const [group, ...rest] = entry.titleKey.split('.');
      expect(rest.reduce((node, k) => node?.[k], zhCN[group]), entry.titleKey).toBeTypeOf('string');
    }
  });

  it('names every kind and group in Chinese, and never ranks or scores staff', () => {
    for (const k of kWorkKinds) {
      expect(zhCN.caseWork.tasks.kinds[k]).toMatch(/[\u4e00-\u9fff]/);
      expect(zhCN.caseWork.tasks.hints[k]).toMatch(/[\u4e00-\u9fff]/);
    }
    const text = JSON.stringify(zhCN.caseWork);
    for (const word of ['排名', '排行', '积分', '打卡', '考核', '指标']) expect(text).not.toContain(word);
  });
});
