// Calls of users and roles (docs/api.md, "Auth, users, roles").
import { api } from '../../core/api.js';

export const kUserPageSize = 20;
const enc = encodeURIComponent;

export const fetchUsers = ({ q, orgCode, cursor }) =>
  api.get('/api/v1/users', { q, org_code: orgCode, limit: kUserPageSize, cursor });
export const createUser = (input) => api.post('/api/v1/users', input, { silent: true });
export const updateUser = (id, patch) => api.patch(`/api/v1/users/${enc(id)}`, patch, { silent: true });
export const resetUserPassword = (id, password) =>
  api.post(`/api/v1/users/${enc(id)}/password`, { password }, { silent: true });
export const unlockUser = (id) => api.post(`/api/v1/users/${enc(id)}/unlock`);
export const fetchRoles = () => api.get('/api/v1/roles');
export const fetchPermissions = () => api.get('/api/v1/permissions');

/** Roles and permissions answer either a bare array or {items}. */
export function listOf(answer) {
  return Array.isArray(answer) ? answer : answer?.items ?? [];
}
