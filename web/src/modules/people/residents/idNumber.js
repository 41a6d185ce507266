// Citizen ID numbers (GB 11643-1999), checked in the browser so the form can fill birth date
// and gender while the user types. The server checks again; this only saves a round trip.
export const kIdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export const kIdCheckChars = '10X98765432';

/** The check character of the first 17 digits: "10X98765432"[Σ aᵢWᵢ mod 11]. */
export function idCheckChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * kIdWeights[i];
  return kIdCheckChars[sum % 11];
}

/** Upper-cases a trailing x and drops spaces. */
export function normalizeIdNumber(raw) {
  return String(raw ?? '').replace(/\s+/g, '').toUpperCase();
}

function isRealDate(year, month, day) {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isoDay(year, month, day) {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Today as YYYY-MM-DD in Asia/Shanghai. */
export function todayInShanghai(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}

function birthOf(year, month, day, today) {
  if (year < 1850 || !isRealDate(year, month, day)) return null;
  const date = isoDay(year, month, day);
  return date > today ? null : date;
}

/**
 * Reads an ID number of type `idType` (resident_id: 18 characters; resident_id_legacy: the old
 * 15-digit form, YYMMDD in 19YY, no check character). Answers
 *   {state: 'empty'}                                 nothing typed
 *   {state: 'incomplete'}                            digits so far, not yet long enough
 *   {state: 'invalid', error}                        error is the server's code:
 *      people.id_number.format | .check_digit | .birth_date
 *   {state: 'valid', birthDate, gender, legacy, addressCode}
 * `expected` carries the right check character when only that is wrong.
 */
export function parseIdNumber(raw, { today = todayInShanghai(), idType = 'resident_id' } = {}) {
  const id = normalizeIdNumber(raw);
  const length = idType === 'resident_id_legacy' ? 15 : 18;
  if (id === '') return { state: 'empty' };
  if (!/^(\d{1,18}|\d{17}X)$/.test(id) || id.length > length) {
    return { state: 'invalid', error: 'people.id_number.format' };
  }
  if (id.length < length) return { state: 'incomplete' };
  const legacy = length === 15;
  const year = legacy ? 1900 + Number(id.slice(6, 8)) : Number(id.slice(6, 10));
  const month = Number(id.slice(legacy ? 8 : 10, legacy ? 10 : 12));
  const day = Number(id.slice(legacy ? 10 : 12, legacy ? 12 : 14));
  const birthDate = birthOf(year, month, day, today);
  if (!birthDate) return { state: 'invalid', error: 'people.id_number.birth_date' };
  if (!legacy) {
    const expected = idCheckChar(id.slice(0, 17));
    if (id[17] !== expected) return { state: 'invalid', error: 'people.id_number.check_digit', expected };
  }
  const sequence = Number(id.slice(legacy ? 12 : 14, legacy ? 15 : 17));
  return {
    state: 'valid',
    legacy,
    birthDate,
    gender: sequence % 2 === 1 ? 'male' : 'female',
    addressCode: id.slice(0, 6),
  };
}

/** Whole years between an ISO birth date and an ISO day (today by default). */
export function ageOn(birthDate, today = todayInShanghai()) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate ?? '')) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age < 0 ? null : age;
}
