// Calls of the org module (docs/api.md, "Org tree and grids").
import { api } from '../../core/api.js';

const enc = encodeURIComponent;
export const kChildPageSize = 50;

export const fetchUiConfig = () => api.get('/api/v1/ui-config', undefined, { silent: true });
export const fetchRoots = () => api.get('/api/v1/orgs/roots');
export const fetchOrg = (code, options) => api.get(`/api/v1/orgs/${enc(code)}`, undefined, options);
export const fetchChildren = (code, cursor) =>
  api.get(`/api/v1/orgs/${enc(code)}/children`, { limit: kChildPageSize, cursor });
export const searchOrgs = (q, limit = 20) => api.get('/api/v1/orgs', { q, limit });
export const fetchBoundary = (code) =>
  api.get(`/api/v1/orgs/${enc(code)}/boundary`, undefined, { silent: true });
export const fetchGridWorkers = (code) =>
  api.get(`/api/v1/orgs/${enc(code)}/grid-workers`, undefined, { silent: true });
export const fetchVillageGrids = (code) => api.get(`/api/v1/orgs/${enc(code)}/grids`);

export const fetchGrid = (code, options) => api.get(`/api/v1/grids/${enc(code)}`, undefined, options);
export const fetchGridVersions = (code) => api.get(`/api/v1/grids/${enc(code)}/versions`);
export const createGrid = (input) => api.post('/api/v1/grids', input, { silent: true });
export const updateGrid = (code, input) =>
  api.put(`/api/v1/grids/${enc(code)}`, input, { silent: true });
export const deleteGrid = (code) => api.delete(`/api/v1/grids/${enc(code)}`, { silent: true });
