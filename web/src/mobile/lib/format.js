// Display helpers for the phone screens. Times are shown in Asia/Shanghai (core/time.js).
import { formatDateTime } from '../../core/time.js';

/** "2026-11-26 13:55" */
export function shortDateTime(value) {
  return formatDateTime(value).slice(0, 16);
}

/** A house as people say it: its address, else building/unit/room. */
export function houseTitle(house) {
  if (!house) return '';
  if (house.address) return house.address;
  return [house.building, house.unit, house.room].filter(Boolean).join(' ');
}

/** datetime-local value (Shanghai wall clock) → ISO UTC. */
export function localInputToIso(value) {
  if (!value) return '';
  const date = new Date(`${value}:00+08:00`);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/** ISO UTC → datetime-local value in Shanghai ("2026-11-26T13:55"). */
export function isoToLocalInput(iso) {
  const text = formatDateTime(iso);
  return text ? `${text.slice(0, 10)}T${text.slice(11, 16)}` : '';
}
