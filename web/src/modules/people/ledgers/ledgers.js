// Department ledgers: grouping for the list and the field-usage table.

/** [{department, ledgers}] in the order departments first appear. */
export function groupByDepartment(ledgers) {
  const groups = new Map();
  for (const ledger of ledgers ?? []) {
    const department = ledger.department || '';
    if (!groups.has(department)) groups.set(department, []);
    groups.get(department).push(ledger);
  }
  return [...groups].map(([department, items]) => ({ department, ledgers: items }));
}

/** Field-usage rows filtered by a text that matches the field, its label or a ledger title. */
export function filterFieldUsage(rows, text) {
  const needle = String(text ?? '').trim().toLowerCase();
  if (!needle) return rows ?? [];
  return (rows ?? []).filter(
    (row) =>
      String(row.field).toLowerCase().includes(needle) ||
      String(row.label ?? '').toLowerCase().includes(needle) ||
      (row.ledgers ?? []).some((l) => `${l.department}${l.title}`.toLowerCase().includes(needle)),
  );
}

/** A ledger cell as text: booleans and lists made readable, empty as '—'. */
export function ledgerCell(value, { yes = '是', no = '否' } = {}) {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? yes : no;
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const kColumnWidths = {
  id_number: 200,
  phone: 140,
  current_address: 200,
  hukou_address: 200,
  house_address: 200,
  grid: 140,
  birth_date: 110,
  tag_start_date: 110,
  reasons: 160,
};

/** A ledger column's minimum width in px: numbers and addresses need room, the rest 100. */
export function ledgerColumnWidth(key) {
  return kColumnWidths[key] ?? 100;
}
