// Small display helpers of the people pages: code names, dashes for empty values, ages.

/** The name of a code in a code table ([{code,name}]); the code itself when unknown. */
export function codeName(table, code) {
  if (code === null || code === undefined || code === '') return '';
  const hit = (table ?? []).find((entry) => entry.code === code);
  return hit ? hit.name : String(code);
}

/** '—' for empty values so a table cell never looks broken. */
export function orDash(value) {
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

/** The code tables whose values appear in a resident's fields. */
export const kResidentCodeFields = {
  gender: 'genders',
  ethnicity: 'ethnicities',
  id_type: 'id_types',
  relation: 'relations',
  residency_kind: 'residency_kinds',
  education: 'educations',
  political_status: 'political_statuses',
  marital_status: 'marital_statuses',
};

/** A field value as a person reads it: code fields become their names. */
export function fieldValueText(field, value, codes) {
  const table = kResidentCodeFields[field];
  if (table && codes) return orDash(codeName(codes[table], value));
  return orDash(value);
}

/** "1幢 2单元 301室" from a house's parts, or its address when it has one. */
export function houseLabel(house) {
  if (!house) return '';
  if (house.address) return house.address;
  return [house.building, house.unit, house.room].filter(Boolean).join(' ');
}

/** Tag kinds the user may read, optionally of one group (care | watched). */
export function readableTagKinds(codes, group) {
  return (codes?.tag_kinds ?? []).filter((k) => k.readable !== false && (!group || k.group === group));
}

/** A tag applies while it has no end date or the end date is today or later. */
export function tagIsActive(tag, today) {
  return !tag.end_date || tag.end_date >= today;
}

/** Resident statuses (the server's codes; the UI names them from the locale files). */
export const kResidentStatuses = ['active', 'moved_out', 'deceased'];
