// The work pages of the case loop (分拨台, 部门待办, 我的待办): which queues a user has, the API
// queries behind them, their counts, their order and the quick actions of a row. Pure functions;
// the pages translate the keys and make the calls.
//
// Counts and lists are of cases, never of people: nothing here ranks, scores or sets quotas for
// staff (STANDARDS.md, "No fingertip formalism").

/** The kinds of work 我的待办 can list, in the order of its cards. */
export const kWorkKinds = ['file', 'dispatch', 'handle', 'verify', 'close', 'overdue', 'supervised'];

/** The statuses behind each kind (overdue and supervised cut across statuses). */
const kKindStatuses = {
  file: ['reported'],
  dispatch: ['filed'],
  handle: ['dispatched', 'accepted', 'handling'],
  verify: ['resolved'],
  close: ['verified'],
};

/** The two queues of the dispatch desk and the permission that works each. */
export const kDeskQueues = [
  { key: 'reported', status: 'reported', permission: 'cases.file' },
  { key: 'filed', status: 'filed', permission: 'cases.dispatch' },
];

/** The groups of a department's queue: 待签收, 处置中, 已办结待核查 (read only). */
export const kQueueGroups = [
  { key: 'dispatched', statuses: ['dispatched'] },
  { key: 'working', statuses: ['accepted', 'handling'] },
  { key: 'resolved', statuses: ['resolved'], readOnly: true },
];

const has = (permissions, p) => (permissions instanceof Set ? permissions.has(p) : (permissions ?? []).includes(p));

/**
 * The kinds of work a user is shown. `department`: the user's org is a department node, so
 * cases.handle means "cases dispatched to my department" (township and village staff also hold
 * cases.handle, but no queue is theirs by org).
 */
export function workKinds(permissions, { department = false } = {}) {
  const can = (p) => has(permissions, p);
  const handles = department && can('cases.handle');
  const kinds = [];
  if (can('cases.file')) kinds.push('file');
  if (can('cases.dispatch')) kinds.push('dispatch');
  if (handles) kinds.push('handle');
  if (can('cases.verify')) kinds.push('verify');
  if (can('cases.close')) kinds.push('close');
  // Overdue and supervised cases matter to whoever moves cases along or oversees them; a grid
  // worker who only verifies has nothing to do about another stage's deadline.
  if (handles || ['cases.file', 'cases.dispatch', 'cases.close', 'cases.supervise'].some(can)) kinds.push('overdue');
  if (handles || can('cases.supervise')) kinds.push('supervised');
  return kinds;
}

/** The desk queues the user may work, in tab order. */
export function deskQueues(permissions) {
  return kDeskQueues.filter((q) => has(permissions, q.permission));
}

/**
 * The list queries of a kind: [{query, filter?}]. The API takes one status per query, so a
 * kind over several statuses is several queries merged.
 */
export function kindSources(kind, { department = '' } = {}) {
  const dept = department ? { department } : {};
  if (kind === 'handle') return kKindStatuses.handle.map((status) => ({ query: { status, ...dept } }));
  if (kKindStatuses[kind]) return kKindStatuses[kind].map((status) => ({ query: { status } }));
  if (kind === 'overdue') return [{ query: { overdue: 1, ...dept } }];
  if (kind === 'supervised') {
    // The server lists open supervised cases; a department waits only on those still in its
    // hands (not those it resolved).
    if (!department) return [{ query: { supervised: 1 } }];
    return [{ query: { supervised: 1, ...dept }, filter: (c) => kKindStatuses.handle.includes(c.status) }];
  }
  return [];
}

/** The list queries of a department's group. */
export function groupSources(groupKey, department) {
  const group = kQueueGroups.find((g) => g.key === groupKey);
  if (!group || !department) return [];
  return group.statuses.map((status) => ({ query: { status, department } }));
}

/** Open cases by status and the overdue count from a board snapshot (GET /case-board). */
export function boardCounts(board) {
  if (!board || !Array.isArray(board.pipeline)) return null;
  const counts = {};
  for (const p of board.pipeline) counts[p.status] = Number(p.count) || 0;
  counts.overdue = Number(board.overdue?.count) || 0;
  return counts;
}

const sumOf = (counts, statuses) => statuses.reduce((n, s) => n + (counts[s] ?? 0), 0);

/** The number of cases of a kind, or null when the counts do not say (supervised). */
export function kindCount(kind, counts) {
  if (!counts) return null;
  if (kKindStatuses[kind]) return sumOf(counts, kKindStatuses[kind]);
  if (kind === 'overdue') return counts.overdue ?? null;
  return null;
}

/** The number of cases of a department's group, or null. */
export function groupCount(groupKey, counts) {
  const group = kQueueGroups.find((g) => g.key === groupKey);
  return counts && group ? sumOf(counts, group.statuses) : null;
}

/**
 * The counts after a case moved from one status to another by an action, so that the tabs stay
 * right without counting again. Overdue: the case leaves the overdue set when its stage
 * changes (a new stage starts a new deadline).
 */
export function shiftCounts(counts, before, after) {
  if (!counts || !before || !after) return counts;
  const next = { ...counts };
  if (before.status !== after.status) {
    if (before.status in next) next[before.status] = Math.max(0, next[before.status] - 1);
    if (after.status in next) next[after.status] += 1;
  }
  if (before.overdue && !after.overdue && 'overdue' in next) next.overdue = Math.max(0, next.overdue - 1);
  return next;
}

/**
 * What a tab or card shows as its number: the exact count when known, otherwise what has been
 * loaded ("50+" while more pages wait), '' before anything is known.
 */
export function countLabel(count, loaded, more) {
  if (count !== null && count !== undefined) return String(count);
  if (loaded === null || loaded === undefined) return '';
  return more ? `${loaded}+` : String(loaded);
}

const dueMs = (c) => {
  const ms = c?.stage_due_at ? Date.parse(c.stage_due_at) : NaN;
  return Number.isNaN(ms) ? Infinity : ms;
};

/**
 * Order of a work list. 'due': the earliest deadline of the current stage first (overdue ones
 * are the earliest), urgent before normal at the same deadline, then the newest; cases without
 * a deadline last. 'newest': by case number, newest first (the server's order).
 */
export function sortCases(items, order = 'due') {
  const list = [...(items ?? [])];
  if (order === 'newest') return list.sort((a, b) => b.id - a.id);
  const urgent = (c) => (c.urgency === 'urgent' ? 0 : 1);
  return list.sort((a, b) => dueMs(a) - dueMs(b) || urgent(a) - urgent(b) || b.id - a.id || 0);
}

/** The department group a status belongs to, or ''. */
export function queueGroupOf(status) {
  return kQueueGroups.find((g) => g.statuses.includes(status))?.key ?? '';
}

/** Cases grouped for the department queue: {dispatched: [], working: [], resolved: []}. */
export function groupQueue(items) {
  const groups = Object.fromEntries(kQueueGroups.map((g) => [g.key, []]));
  for (const c of items ?? []) {
    const key = queueGroupOf(c.status);
    if (key) groups[key].push(c);
  }
  return groups;
}

/**
 * The quick actions of a row, by its status and the user's permissions:
 * [{action, mode: 'direct'|'dialog'|'merge', note_required}]. `direct` needs no input (one
 * click), `dialog` opens the action dialog, `merge` asks to confirm merging into the likely
 * duplicate found at intake.
 */
export function rowActions(c, permissions) {
  const can = (p) => has(permissions, p);
  const out = [];
  const add = (action, permission, mode, noteRequired = false) => {
    if (can(permission)) out.push({ action, mode, note_required: noteRequired });
  };
  const mergeable = Boolean(c?.likely_duplicate_of) && !c?.duplicate_of && c.likely_duplicate_of !== c.id;
  switch (c?.status) {
    case 'reported':
      add('file', 'cases.file', 'direct');
      add('reject', 'cases.file', 'dialog', true);
      if (mergeable) add('merge', 'cases.file', 'merge');
      break;
    case 'filed':
      add('dispatch', 'cases.dispatch', 'dialog');
      if (mergeable) add('merge', 'cases.file', 'merge');
      break;
    case 'dispatched':
      add('accept', 'cases.handle', 'direct');
      add('return', 'cases.handle', 'dialog', true);
      add('request_extension', 'cases.handle', 'dialog', true);
      break;
    case 'accepted':
      add('start', 'cases.handle', 'direct');
      add('resolve', 'cases.handle', 'dialog', true);
      add('request_extension', 'cases.handle', 'dialog', true);
      break;
    case 'handling':
      add('resolve', 'cases.handle', 'dialog', true);
      add('request_extension', 'cases.handle', 'dialog', true);
      break;
    default:
      break;
  }
  return out;
}

/**
 * What to do after an action failed: 'refresh' the row (someone else changed the case: version
 * conflict, or the action no longer fits its status), 'drop' it (gone or out of scope), or
 * 'show' the server's message.
 */
export function failureOutcome(error) {
  if (error?.code === 'cases.version_conflict' || error?.code === 'cases.transition.illegal') return 'refresh';
  if (error?.status === 404) return 'drop';
  return 'show';
}

// ---- paging over several list queries (one per status) ------------------------------------

/** Fresh paging state of list queries: [{query, filter, cursor, done}]. */
export function newSources(defs) {
  return (defs ?? []).map((d) => ({ query: d.query, filter: d.filter ?? null, cursor: undefined, done: false }));
}

/** True while some query has pages left. */
export function sourcesHaveMore(sources) {
  return (sources ?? []).some((s) => !s.done);
}

/** Adds cases to a list, each case once (a newer copy of a case replaces the older). */
export function mergeById(items, more) {
  const byId = new Map((items ?? []).map((c) => [c.id, c]));
  for (const c of more ?? []) byId.set(c.id, c);
  return [...byId.values()];
}

/**
 * One page of a query taken in: → {items, source, added}. The query's filter (if any) keeps the
 * matching cases only; its cursor moves on, and it is done when the server has no next page.
 */
export function absorbPage(items, source, page) {
  const got = page?.items ?? [];
  const keep = source.filter ? got.filter(source.filter) : got;
  const next = page?.next_cursor ?? null;
  return {
    items: mergeById(items, keep),
    source: { ...source, cursor: next ?? undefined, done: !next },
    added: keep.length,
  };
}

/** True when the case is in one of the statuses of a list (it stays after an action). */
export function stillIn(c, statuses) {
  return Boolean(c) && statuses.includes(c.status);
}
