// Calls of the cases module (docs/api-cases.md).
import { api } from '../../core/api.js';

export const kCasePageSize = 20;
const enc = encodeURIComponent;

// Categories and the working-day calendar
export const fetchCategories = (activeOnly = false) =>
  api.get('/api/v1/case-categories', activeOnly ? { active: 1 } : undefined);
export const updateCategory = (code, patch) =>
  api.patch(`/api/v1/case-categories/${enc(code)}`, patch, { silent: true });
export const fetchCalendar = (year) => api.get('/api/v1/case-calendar', { year });
export const setCalendarDay = (date, kind, name) =>
  api.put(`/api/v1/case-calendar/${enc(date)}`, { kind, name }, { silent: true });
export const removeCalendarDay = (date) => api.delete(`/api/v1/case-calendar/${enc(date)}`, { silent: true });

// Cases
export const fetchCases = (query, cursor, limit = kCasePageSize) => api.get('/api/v1/cases', { ...query, limit, cursor });
export const fetchCase = (id) => api.get(`/api/v1/cases/${enc(id)}`, undefined, { silent: true });
export const reportCase = (body) => api.post('/api/v1/cases', body, { silent: true });
// 12345 hotline desk: a ticket for a call; an enquiry answered on the spot closes at once.
export const createHotlineTicket = (body) => api.post('/api/v1/hotline/tickets', body, { silent: true });
export const actOnCase = (id, action, body) =>
  api.post(`/api/v1/cases/${enc(id)}/actions/${enc(action)}`, body, { silent: true });

// Departments a case in `org` can be dispatched to (its county's and township's), whatever the
// caller's own scope: a township dispatches to county departments.
export const fetchDispatchDepartments = (org) => api.get('/api/v1/case-departments', { org }, { silent: true });

// Photos of a case, oldest first (docs/api-cases.md, "Photos"); uploads: photos/caseDetailUpload.js.
export const fetchCasePhotos = (id) => api.get(`/api/v1/cases/${enc(id)}/photos`, undefined, { silent: true });
