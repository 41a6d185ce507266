// Citizen ID numbers (GB 11643-1999), checked on the phone while the worker types, so birth
// date and gender fill themselves and a mistyped digit shows at once. The server checks again
// (POST /api/v1/people/id-number/check, and on every save) including the address code.

export const kWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export const kCheckChars = '10X98765432';

/** The check character for the first 17 digits: "10X98765432"[Σ aᵢ·Wᵢ mod 11]. */
export function checkChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * kWeights[i];
  return kCheckChars[sum % 11];
}

/** Spaces removed, lower-case x made upper-case. */
export function normalizeIdNumber(raw) {
  return String(raw ?? '')
    .replace(/\s+/g, '')
    .toUpperCase();
}

function pad2(n) {
  return String(n).padStart(2, '0');
}

/** "YYYY-MM-DD" when y-m-d is a real calendar day not after `today`, else null. */
function realDate(y, m, d, today) {
  if (m < 1 || m > 12 || d < 1 || y < 1800) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  const iso = `${y}-${pad2(m)}-${pad2(d)}`;
  if (today && iso > today) return null;
  return iso;
}

/** Today's date in Asia/Shanghai as YYYY-MM-DD. */
export function shanghaiToday(now = new Date()) {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/**
 * Reads an ID number.
 *   state 'empty'    nothing typed
 *   state 'partial'  digits so far, fewer than 18 (no error while typing; with final: true,
 *                    15 digits are read as a legacy number and other lengths are 'invalid')
 *   state 'valid'    18 characters, birth date real, check character right
 *   state 'legacy'   15-digit number of the old series (no check character): accepted with a warning
 *   state 'invalid'  with error 'format' | 'birth_date' | 'check_digit'
 * birthDate (YYYY-MM-DD) and gender ('male' | 'female', odd sequence = male) come with
 * 'valid' and 'legacy'.
 */
export function parseIdNumber(raw, { final = false, today = shanghaiToday() } = {}) {
  const value = normalizeIdNumber(raw);
  if (!value) return { state: 'empty', value };
  if (!/^\d{0,17}[\dX]?$/.test(value) || value.length > 18 || (value.includes('X') && value.length !== 18)) {
    return { state: 'invalid', error: 'format', value };
  }
  if (value.length === 15 && final) {
    const birthDate = realDate(1900 + Number(value.slice(6, 8)), Number(value.slice(8, 10)), Number(value.slice(10, 12)), today);
    if (!birthDate) return { state: 'invalid', error: 'birth_date', value };
    return { state: 'legacy', value, birthDate, gender: Number(value[14]) % 2 === 1 ? 'male' : 'female' };
  }
  if (value.length < 18) {
    return final ? { state: 'invalid', error: 'format', value } : { state: 'partial', value };
  }
  const birthDate = realDate(Number(value.slice(6, 10)), Number(value.slice(10, 12)), Number(value.slice(12, 14)), today);
  if (!birthDate) return { state: 'invalid', error: 'birth_date', value };
  const expected = checkChar(value);
  if (value[17] !== expected) return { state: 'invalid', error: 'check_digit', value, expected };
  return { state: 'valid', value, birthDate, gender: Number(value[16]) % 2 === 1 ? 'male' : 'female' };
}

/** Completes 17 digits with the right check character (used by tests and demo data). */
export function withCheckChar(first17) {
  return `${first17}${checkChar(first17)}`;
}
