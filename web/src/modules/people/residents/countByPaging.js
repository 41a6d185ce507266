// Counts the rows of a list endpoint: its `total` when the server answers one, otherwise by
// walking a few pages of ids (capped, so a county-wide count stays cheap).

/**
 * fetchPage(cursor) → {items, next_cursor, total?}. Resolves to {count, capped}; capped means
 * there were more rows than maxPages pages held.
 */
export async function countByPaging(fetchPage, { maxPages = 2 } = {}) {
  let count = 0;
  let cursor;
  for (let i = 0; i < maxPages; i += 1) {
    const page = await fetchPage(cursor);
    if (typeof page.total === 'number') return { count: page.total, capped: false };
    count += (page.items ?? []).length;
    cursor = page.next_cursor;
    if (!cursor) return { count, capped: false };
  }
  return { count, capped: true };
}

/** "37", "1000+" or "—" (unknown). */
export function countText(result) {
  if (!result) return '—';
  return result.capped ? `${result.count}+` : String(result.count);
}
