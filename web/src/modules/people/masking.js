// How ID and phone numbers are shown. The server masks them in every answer; these helpers
// mask again in the browser when a revealed record is hidden, and tell masked values apart.

/** "33068119500302123X" -> "330681********123X" (first 6 and last 4 kept). */
export function maskIdNumber(value) {
  const text = String(value ?? '');
  if (text.length <= 10 || isMasked(text)) return text;
  return `${text.slice(0, 6)}${'*'.repeat(text.length - 10)}${text.slice(-4)}`;
}

/** "13812345678" -> "138****5678"; other lengths keep only the last 4. */
export function maskPhone(value) {
  const text = String(value ?? '');
  if (text === '' || isMasked(text)) return text;
  if (/^1\d{10}$/.test(text)) return `${text.slice(0, 3)}****${text.slice(-4)}`;
  if (text.length <= 4) return '*'.repeat(text.length);
  return `${'*'.repeat(text.length - 4)}${text.slice(-4)}`;
}

/** True when the value has masked characters in it. */
export function isMasked(value) {
  return String(value ?? '').includes('*');
}

/** A resident as shown after "hide": full numbers masked again, `masked` set. */
export function maskResident(resident) {
  if (!resident) return resident;
  return {
    ...resident,
    id_number: maskIdNumber(resident.id_number),
    phone: maskPhone(resident.phone),
    masked: true,
  };
}

/** Purposes of a reveal are 2–200 characters (code points, so 生僻字 count once). */
export function purposeLengthOk(purpose) {
  const length = [...String(purpose ?? '').trim()].length;
  return length >= 2 && length <= 200;
}
