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
/** role: "system_admin" | "security_admin" | "audit_admin", or null to revoke (security admin only). */
export const setAdminRole = (id, role) => api.put(`/api/v1/users/${enc(id)}/admin-role`, { role }, { silent: true });
/** Removes someone's second factor (lost phone): they enrol again at the next login. */
export const resetUserTotp = (id) => api.post(`/api/v1/users/${enc(id)}/totp/reset`, {});
export const fetchRoles = () => api.get('/api/v1/roles');
export const fetchPermissions = () => api.get('/api/v1/permissions');

/** Roles and permissions answer either a bare array or {items}. */
export function listOf(answer) {
  return Array.isArray(answer) ? answer : answer?.items ?? [];
}

/** The three administrator roles (separation of duties): never combined with another role,
 * granted and revoked only by the security administrator through setAdminRole. */
export const kAdminRoles = ['system_admin', 'security_admin', 'audit_admin'];
export const isAdminRole = (code) => kAdminRoles.includes(code);
export const isAdminAccount = (user) => (user?.roles ?? []).some(isAdminRole);
