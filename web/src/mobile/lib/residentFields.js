// The resident fields the phone shows and edits, and how a value reads on screen.
import { codeName } from './codes.js';

/** field → code table for the code fields. */
export const kCodeTables = {
  gender: 'genders',
  ethnicity: 'ethnicities',
  id_type: 'id_types',
  residency_kind: 'residency_kinds',
  education: 'educations',
  political_status: 'political_statuses',
  marital_status: 'marital_statuses',
  relation: 'relations',
};

/** Fields a worker edits on the phone, in form order. */
export const kEditableFields = [
  'name',
  'id_type',
  'id_number',
  'gender',
  'birth_date',
  'ethnicity',
  'phone',
  'org_code',
  'house_id',
  'residency_kind',
  'current_address',
  'hukou_address',
  'former_names',
  'education',
  'political_status',
  'marital_status',
  'occupation',
  'employer',
  'notes',
];

/** A value as the worker reads it: code names, the house's address, '' for nothing. */
export function displayValue(field, value, { codes, record } = {}) {
  if (value === null || value === undefined || value === '') return '';
  if (kCodeTables[field]) return codeName(codes, kCodeTables[field], value);
  if (field === 'house_id') {
    if (record && String(record.house_id) === String(value) && record.house_address) return record.house_address;
    return `#${value}`;
  }
  if (field === 'org_code' && record && record.org_code === value && record.org_name) return record.org_name;
  return String(value);
}
