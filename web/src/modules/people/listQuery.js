// Query strings of the list pages and of the export links built from the same filters.

/** Drops empty values and trims text, so the URL only carries filters that are set. */
export function compactQuery(filters) {
  const query = {};
  for (const [key, value] of Object.entries(filters ?? {})) {
    if (value === undefined || value === null) continue;
    const text = typeof value === 'string' ? value.trim() : value;
    if (text === '') continue;
    query[key] = text;
  }
  return query;
}

/** path + "?" + the compacted query (no "?" when nothing is set). */
export function urlWithQuery(path, filters) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(compactQuery(filters))) params.append(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The residents list filters as the API names them. */
export function residentQuery(filters) {
  return compactQuery({
    q: filters.q,
    org: filters.org,
    tag: filters.tag,
    residency_kind: filters.residencyKind,
    status: filters.status,
  });
}

/** The export link of the residents list with the current filters (and a purpose to unmask). */
export function residentExportUrl(filters, purpose) {
  return urlWithQuery('/api/v1/residents/export.xlsx', { ...residentQuery(filters), purpose });
}

/** The export link of a ledger for an org (and a purpose to unmask). */
export function ledgerExportUrl(key, org, purpose) {
  return urlWithQuery(`/api/v1/ledgers/${encodeURIComponent(key)}/export.xlsx`, { org, purpose });
}
