// A stale edit met a newer record on the server (409 people.version_conflict): lay the two
// versions side by side, field by field, and build the PATCH from the worker's choices.
// Nothing is overwritten without a choice.

const kNeverCompared = new Set(['version', 'id', 'created_at', 'updated_at', 'masked']);

function comparable(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value).trim();
}

export function sameValue(a, b) {
  return comparable(a) === comparable(b);
}

/**
 * base:   the record as loaded when the edit started
 * mine:   the worker's changed fields (the PATCH body, `version` ignored)
 * server: the record now on the server (`current` of the 409 answer)
 * fields: the fields worth showing when only the other person changed them
 * → rows: fields the worker changed whose value differs from the server's now; each needs a
 *         choice. serverChanged says the other person changed that field too.
 *   othersChanged: fields the worker did not touch that the other person changed (kept as on
 *         the server; shown so the worker knows).
 */
export function conflictRows({ base = null, mine = {}, server = {}, fields = [] }) {
  const rows = [];
  for (const [field, value] of Object.entries(mine)) {
    if (kNeverCompared.has(field)) continue;
    if (sameValue(value, server[field])) continue;
    rows.push({
      field,
      mine: value,
      server: server[field] ?? null,
      base: base ? (base[field] ?? null) : null,
      serverChanged: base ? !sameValue(base[field], server[field]) : true,
    });
  }
  const othersChanged = [];
  if (base) {
    for (const field of fields) {
      if (kNeverCompared.has(field) || field in mine) continue;
      if (!sameValue(base[field], server[field])) {
        othersChanged.push({ field, base: base[field] ?? null, server: server[field] ?? null });
      }
    }
  }
  return { rows, othersChanged };
}

/** Every row set to the same side: 'mine' | 'server'. */
export function chooseAll(rows, side) {
  return Object.fromEntries(rows.map((row) => [row.field, side]));
}

/**
 * choices: {field: 'mine' | 'server'}
 * → {complete: false, missing: [field]} while a row has no choice;
 *   {complete: true, body: null} when every row keeps the server's value (nothing to send);
 *   {complete: true, body} the PATCH body with the server's version.
 */
export function resolvePatch({ rows, choices, server }) {
  const missing = rows.filter((row) => choices[row.field] !== 'mine' && choices[row.field] !== 'server').map((r) => r.field);
  if (missing.length) return { complete: false, missing };
  const body = {};
  for (const row of rows) {
    if (choices[row.field] === 'mine') body[row.field] = row.mine;
  }
  if (Object.keys(body).length === 0) return { complete: true, body: null };
  body.version = server.version;
  return { complete: true, body };
}
