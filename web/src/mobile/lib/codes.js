// Code tables (GET /api/v1/people/codes), kept on the phone so pickers work without signal.

export const kCodesCacheKey = 'jiceng_m_codes';

function readCache(storage) {
  try {
    const saved = JSON.parse(storage.getItem(kCodesCacheKey) || 'null');
    return saved && typeof saved === 'object' && saved.codes ? saved : null;
  } catch {
    return null;
  }
}

/**
 * Fresh codes when the server answers (and remembered), else the remembered ones.
 * Resolves to {codes, fromCache}; rejects only when neither is available.
 */
export async function loadCodes({ fetchCodes, storage, now = () => new Date() }) {
  try {
    const codes = await fetchCodes();
    try {
      storage.setItem(kCodesCacheKey, JSON.stringify({ saved_at: now().toISOString(), codes }));
    } catch {
      /* storage full or unavailable: still usable for this session */
    }
    return { codes, fromCache: false };
  } catch (error) {
    const cached = readCache(storage);
    if (cached) return { codes: cached.codes, fromCache: true };
    throw error;
  }
}

/** The name of a code in one table (ethnicities, relations, ...); the code itself if unknown. */
export function codeName(codes, table, code) {
  if (code === null || code === undefined || code === '') return '';
  const hit = (codes?.[table] ?? []).find((entry) => entry.code === code);
  return hit ? hit.name : String(code);
}

/** Options for a picker: [{text, value}]. */
export function codeOptions(codes, table) {
  return (codes?.[table] ?? []).map((entry) => ({ text: entry.name, value: entry.code }));
}

/** Adds a visited or opened person/household at the front, without duplicates, at most max. */
export function pushRecent(list, item, max = 8) {
  const key = (x) => `${x.type}:${x.id}`;
  return [item, ...(list ?? []).filter((x) => key(x) !== key(item))].slice(0, max);
}
