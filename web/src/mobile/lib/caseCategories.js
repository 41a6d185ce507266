// Case categories on the phone: kept for use without signal, the worker's recent ones first,
// then the problems grid workers meet most, and a search over all of them.

export const kCategoriesCacheKey = 'jiceng_m_case_categories';

// What grid workers report most often (the demo county's mix and the journeys): a short list
// filled up behind the worker's own recent categories.
export const kCommonCategoryCodes = ['E0102', 'E0504', 'E0502', 'E0109', 'C0108', 'C0102', 'E0404', 'E0602'];

// What residents meet on their street, in their words' order of frequency (street lights,
// rubbish, noise, parking, drains, fire lanes), and "other" for everything else.
export const kResidentCategoryCodes = ['C0108', 'E0102', 'E0507', 'E0504', 'E0404', 'E0108', 'E0602', 'E0699'];

export const kShortListSize = 8;
export const kRecentSize = 4;

export function recentCategoriesKey(username) {
  return `jiceng_m_case_recent:${username ?? ''}`;
}

/** Fresh categories when the server answers (and remembered), else the remembered ones. */
export async function loadCategories({ fetchCategories, storage, key = kCategoriesCacheKey }) {
  try {
    const answer = await fetchCategories();
    const items = (answer?.items ?? []).filter((c) => c.active !== false);
    try {
      storage.setItem(key, JSON.stringify(items));
    } catch {
      /* storage full: still usable for this session */
    }
    return { items, fromCache: false };
  } catch (error) {
    let cached = null;
    try {
      cached = JSON.parse(storage.getItem(key) || 'null');
    } catch {
      cached = null;
    }
    if (Array.isArray(cached) && cached.length) return { items: cached, fromCache: true };
    throw error;
  }
}

export function readRecent(storage, username) {
  try {
    const list = JSON.parse(storage.getItem(recentCategoriesKey(username)) || '[]');
    return Array.isArray(list) ? list.filter((x) => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Puts a code at the front of the recent list (no duplicates, at most kRecentSize). */
export function pushRecentCategory(storage, username, code) {
  const next = [code, ...readRecent(storage, username).filter((c) => c !== code)].slice(0, kRecentSize);
  try {
    storage.setItem(recentCategoriesKey(username), JSON.stringify(next));
  } catch {
    /* ignore */
  }
  return next;
}

/**
 * The short list: recent categories first (marked recent), then the common ones, up to `size`.
 * Codes no longer in the catalogue are skipped.
 */
export function shortList(categories, recentCodes = [], common = kCommonCategoryCodes, size = kShortListSize) {
  const byCode = new Map(categories.map((c) => [c.code, c]));
  const out = [];
  const seen = new Set();
  for (const [codes, recent] of [
    [recentCodes, true],
    [common, false],
  ]) {
    for (const code of codes) {
      if (out.length >= size) return out;
      const c = byCode.get(code);
      if (!c || seen.has(code)) continue;
      seen.add(code);
      out.push({ ...c, recent });
    }
  }
  // A catalogue without the common codes (another county): its first categories.
  for (const c of categories) {
    if (out.length >= size) break;
    if (!seen.has(c.code)) {
      seen.add(c.code);
      out.push({ ...c, recent: false });
    }
  }
  return out;
}

/** Categories matching the typed words (name, major name or code), names starting with them first. */
export function searchCategories(categories, words, max = 30) {
  const q = String(words ?? '').trim().toLowerCase();
  if (!q) return [];
  const hits = categories.filter((c) =>
    [c.name, c.major_name, c.code].some((field) => String(field ?? '').toLowerCase().includes(q)),
  );
  const rank = (c) => (String(c.name).startsWith(q) ? 0 : String(c.name).includes(q) ? 1 : 2);
  return hits.sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code)).slice(0, max);
}

/** Categories grouped by their major category, in catalogue order: [{major, items}]. */
export function groupByMajor(categories) {
  const groups = new Map();
  for (const c of categories) {
    const major = c.major_name || '';
    if (!groups.has(major)) groups.set(major, []);
    groups.get(major).push(c);
  }
  return [...groups.entries()].map(([major, items]) => ({ major, items }));
}

export function categoryName(categories, code) {
  const c = categories.find((x) => x.code === code);
  return c ? c.name : code || '';
}
