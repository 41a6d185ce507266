// Times travel as ISO 8601 UTC; people read them in Asia/Shanghai.
export const kDisplayTimeZone = 'Asia/Shanghai';

const dateTimeFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: kDisplayTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function partsOf(value) {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const parts = {};
  for (const { type, value: v } of dateTimeFormat.formatToParts(date)) parts[type] = v;
  return parts;
}

/** "2026-11-26T05:55:20Z" -> "2026-11-26 13:55:20" (Asia/Shanghai). Empty for empty input. */
export function formatDateTime(value) {
  if (value === null || value === undefined || value === '') return '';
  const p = partsOf(value);
  if (!p) return String(value);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** Date only, in Asia/Shanghai. */
export function formatDate(value) {
  const full = formatDateTime(value);
  return full ? full.slice(0, 10) : '';
}

/**
 * The UTC instant at which a Shanghai calendar day ("2026-11-26") starts.
 * With endOfDay, the instant at which the next day starts (exclusive upper bound).
 */
export function shanghaiDayToUtcIso(day, { endOfDay = false } = {}) {
  const start = new Date(`${day}T00:00:00+08:00`);
  if (endOfDay) start.setUTCDate(start.getUTCDate() + 1);
  return start.toISOString();
}
