// Calls of the audit log (docs/api.md, "Audit") and the login log.
import { api } from '../../core/api.js';

export const kAuditPageSize = 50;

export const fetchAuditEntries = (filters, cursor) =>
  api.get('/api/v1/audit', { ...filters, limit: kAuditPageSize, cursor });
export const verifyAuditChain = () => api.post('/api/v1/audit/verify');
export const fetchLogins = (cursor) => api.get('/api/v1/auth/logins', { limit: kAuditPageSize, cursor });
