// Calls of the people module (docs/api-people.md).
import { api } from '../../core/api.js';
import { importContentType } from './imports/importJob.js';

export const kPeoplePageSize = 20;
const enc = encodeURIComponent;

export const fetchPeopleCodes = () => api.get('/api/v1/people/codes');
export const fetchPeopleStats = (org) => api.get('/api/v1/people/stats', { org }, { silent: true });

// Residents
export const fetchResidents = (query, cursor, limit = kPeoplePageSize) =>
  api.get('/api/v1/residents', { ...query, limit, cursor });
export const fetchResident = (id, { purpose, silent = true } = {}) =>
  api.get(`/api/v1/residents/${enc(id)}`, { purpose }, { silent });
export const createResident = (body) => api.post('/api/v1/residents', body, { silent: true });
export const updateResident = (id, patch) => api.patch(`/api/v1/residents/${enc(id)}`, patch, { silent: true });
export const fetchResidentHistory = (id) => api.get(`/api/v1/residents/${enc(id)}/history`);
export const addResidentTag = (id, tag) => api.post(`/api/v1/residents/${enc(id)}/tags`, tag, { silent: true });
export const updateResidentTag = (tagId, patch) =>
  api.patch(`/api/v1/resident-tags/${enc(tagId)}`, patch, { silent: true });

// Households
export const fetchHouseholds = (query, cursor) =>
  api.get('/api/v1/households', { ...query, limit: kPeoplePageSize, cursor });
export const fetchHousehold = (id) => api.get(`/api/v1/households/${enc(id)}`, undefined, { silent: true });
export const setHouseholdMember = (id, residentId, relation) =>
  api.put(`/api/v1/households/${enc(id)}/members/${enc(residentId)}`, { relation }, { silent: true });
export const removeHouseholdMember = (id, residentId) =>
  api.delete(`/api/v1/households/${enc(id)}/members/${enc(residentId)}`, { silent: true });

// Houses
export const fetchHouses = (query, cursor) => api.get('/api/v1/houses', { ...query, limit: kPeoplePageSize, cursor });
export const fetchHouse = (id) => api.get(`/api/v1/houses/${enc(id)}`, undefined, { silent: true });

// Units
export const fetchUnits = (query, cursor) => api.get('/api/v1/units', { ...query, limit: kPeoplePageSize, cursor });
export const createUnit = (body) => api.post('/api/v1/units', body, { silent: true });
export const updateUnit = (id, patch) => api.patch(`/api/v1/units/${enc(id)}`, patch, { silent: true });

// Visits
export const fetchVisits = (query, cursor) => api.get('/api/v1/visits', { ...query, limit: 10, cursor });
export const createVisit = (body) => api.post('/api/v1/visits', body, { silent: true });

// Imports
export const fetchImports = () => api.get('/api/v1/imports');
export const fetchImport = (id) => api.get(`/api/v1/imports/${enc(id)}`, undefined, { silent: true });
export const commitImport = (id, mode) => api.post(`/api/v1/imports/${enc(id)}/commit`, { mode }, { silent: true });
export const kImportTemplateXlsx = '/api/v1/imports/residents/template.xlsx';
export const kImportTemplateCsv = '/api/v1/imports/residents/template.csv';

/** Uploads a resident file as the raw request body (not JSON) → the 202 job. */
export function uploadResidentImport(file, mode) {
  return api.upload('/api/v1/imports/residents', file, {
    query: { filename: file.name, mode },
    contentType: importContentType(file.name),
    silent: true,
  });
}

// Ledgers
export const fetchLedgers = () => api.get('/api/v1/ledgers');
export const fetchLedger = (key, query, cursor) =>
  api.get(`/api/v1/ledgers/${enc(key)}`, { ...query, limit: kPeoplePageSize, cursor }, { silent: true });
export const fetchFieldUsage = () => api.get('/api/v1/ledgers/field-usage');

/** Lists answer either a bare array or {items}. */
export function listOf(answer) {
  return Array.isArray(answer) ? answer : answer?.items ?? [];
}
