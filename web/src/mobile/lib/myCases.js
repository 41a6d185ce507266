// 我的案件: the cases in the worker's grids that need her, from one list call
// (GET /api/v1/cases?status=open; the server limits a grid worker to her grids).
//   verify  — resolved by the department, waiting for her check (核查)
//   rework  — she (or a colleague) sent it back; the department is working on it again
//   mine    — she reported it and it is not closed yet
// The case JSON does not say who reported it; her reports carry her display name as reporter
// (the server fills it) and come through the grid_worker channel, and the ids reported from
// this phone are remembered too. Whether a case was sent back is only in its timeline, so
// cases in `handling` are looked at once per version (a handful in a grid) and remembered.
import { readStoredJson, writeStoredJson } from './storedJson.js';

const kReportedMax = 200;
const kReworkMax = 300;

export function reportedKey(username) {
  return `jiceng_m_cases_reported:${username ?? ''}`;
}

export function reworkKey(username) {
  return `jiceng_m_cases_rework:${username ?? ''}`;
}

export function rememberedReported(storage, username) {
  const list = readStoredJson(storage, reportedKey(username));
  return new Set(Array.isArray(list) ? list.map(Number) : []);
}

export function rememberReported(storage, username, id) {
  const ids = [Number(id), ...[...rememberedReported(storage, username)].filter((x) => x !== Number(id))].slice(0, kReportedMax);
  writeStoredJson(storage, reportedKey(username), ids);
}

/** Reported by this user: the server's reporter id when it gives one, else name and channel, or this phone. */
export function isReportedBy(c, user, remembered = new Set()) {
  if (!c || !user) return false;
  if (remembered.has(Number(c.id))) return true;
  if (c.reporter_user_id !== undefined && c.reporter_user_id !== null) return Number(c.reporter_user_id) === Number(user.id);
  return c.channel === 'grid_worker' && Boolean(user.display_name) && c.reporter_name === user.display_name;
}

/** The timeline has a rework (核查不通过，返工) after the last resolve? */
export function hasOpenRework(timeline = []) {
  let rework = false;
  for (const e of timeline) {
    if (e.action === 'rework') rework = true;
    else if (e.action === 'resolve' || e.action === 'verify') rework = false;
  }
  return rework;
}

/**
 * Splits open cases into the three lists. reworked: Set of ids known to be sent back.
 * A case can be both hers and waiting for her check; it is listed in both.
 */
export function classifyCases(cases, user, { remembered = new Set(), reworked = new Set() } = {}) {
  const verify = [];
  const rework = [];
  const mine = [];
  for (const c of cases) {
    if (c.status === 'resolved') verify.push(c);
    if (c.status === 'handling' && reworked.has(Number(c.id))) rework.push(c);
    if (isReportedBy(c, user, remembered) && c.status !== 'closed' && c.status !== 'rejected') mine.push(c);
  }
  return { verify, rework, mine };
}

/**
 * Which `handling` cases were sent back: answers from the remembered `id:version` → bool map,
 * asks getDetail(id) for the rest (at most `limit`, a few at a time).
 */
export async function findReworked(cases, { storage, username, getDetail, limit = 20, parallel = 3 }) {
  const key = reworkKey(username);
  const known = readStoredJson(storage, key) ?? {};
  const out = new Set();
  const todo = [];
  for (const c of cases) {
    if (c.status !== 'handling') continue;
    const k = `${c.id}:${c.version}`;
    if (k in known) {
      if (known[k]) out.add(Number(c.id));
    } else if (todo.length < limit) {
      todo.push(c);
    }
  }
  let next = 0;
  async function worker() {
    while (next < todo.length) {
      const c = todo[next++];
      try {
        const detail = await getDetail(c.id);
        const sentBack = hasOpenRework(detail?.timeline ?? []);
        known[`${c.id}:${c.version}`] = sentBack;
        if (sentBack) out.add(Number(c.id));
      } catch {
        /* offline or gone: asked again next time */
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, todo.length) }, worker));
  const entries = Object.entries(known);
  writeStoredJson(storage, key, Object.fromEntries(entries.slice(Math.max(0, entries.length - kReworkMax))));
  return out;
}
