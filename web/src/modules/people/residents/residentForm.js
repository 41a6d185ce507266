// The resident form's data: the fields it edits, the body of a create and the patch of an edit.
import { isMasked } from '../masking.js';
import { normalizeIdNumber, parseIdNumber } from './idNumber.js';

export const kResidentFormFields = [
  'name',
  'former_names',
  'id_type',
  'id_number',
  'gender',
  'birth_date',
  'ethnicity',
  'phone',
  'org_code',
  'residency_kind',
  'hukou_address',
  'current_address',
  'education',
  'political_status',
  'marital_status',
  'occupation',
  'employer',
  'status',
  'notes',
];

export function emptyResident() {
  const form = Object.fromEntries(kResidentFormFields.map((f) => [f, '']));
  return { ...form, id_type: 'resident_id', ethnicity: '01', residency_kind: 'registered', status: 'active' };
}

/** A resident from the server as form values (missing fields become ''). */
export function residentToForm(resident) {
  const form = emptyResident();
  for (const field of kResidentFormFields) form[field] = resident?.[field] ?? '';
  return form;
}

/** ID types whose numbers follow GB 11643 and can fill birth date and gender. */
export function isCitizenIdType(idType) {
  return idType === 'resident_id' || idType === 'resident_id_legacy';
}

/**
 * Birth date and gender read from the ID number, when the type is a citizen ID and the number
 * is valid; null otherwise. The caller copies them into the form.
 */
export function fillFromIdNumber(idType, idNumber, options) {
  if (!isCitizenIdType(idType) || isMasked(idNumber)) return null;
  const parsed = parseIdNumber(idNumber, { ...options, idType });
  if (parsed.state !== 'valid') return null;
  return { birth_date: parsed.birthDate, gender: parsed.gender };
}

function cleaned(field, value) {
  const text = typeof value === 'string' ? value.trim() : value;
  return field === 'id_number' ? normalizeIdNumber(text) : text;
}

/** The body of POST /api/v1/residents: every filled field. */
export function createBody(form) {
  const body = {};
  for (const field of kResidentFormFields) {
    const value = cleaned(field, form[field]);
    if (value !== '' && value !== null && value !== undefined) body[field] = value;
  }
  return body;
}

/**
 * The body of PATCH /api/v1/residents/{id}: the fields that differ from the loaded resident,
 * plus its version. ID and phone numbers are sent only when the user typed a new one (a masked
 * value left as loaded is not a change).
 */
export function patchBody(original, form) {
  const body = {};
  for (const field of kResidentFormFields) {
    const before = cleaned(field, original?.[field] ?? '');
    const after = cleaned(field, form[field] ?? '');
    if (before === after) continue;
    if ((field === 'id_number' || field === 'phone') && isMasked(after)) continue;
    body[field] = after;
  }
  body.version = original.version;
  return body;
}

/** True when the patch changes nothing but carries the version. */
export function isEmptyPatch(patch) {
  return Object.keys(patch).every((k) => k === 'version');
}
