// The autonomy module's API (docs/api-autonomy.md): decisions by 四议两公开, disclosures with their
// schedule and sign-off, deliberation topics and conventions. Writes are silent: the form that
// made them shows the problem next to its fields.
import { api } from '../../core/api.js';

const enc = encodeURIComponent;
const silent = { silent: true };

export const fetchDecisions = (query) => api.get('/api/v1/decisions', { limit: 500, ...query });
export const fetchDecision = (id) => api.get(`/api/v1/decisions/${id}`);
export const proposeDecision = (input) => api.post('/api/v1/decisions', input, silent);
export const recordStage = (id, input) => api.post(`/api/v1/decisions/${id}/stages`, input, silent);
export const discloseDecision = (id, input) => api.post(`/api/v1/decisions/${id}/disclosures`, input, silent);

export const fetchDisclosures = (query) => api.get('/api/v1/disclosures', { limit: 500, ...query });
export const fetchDisclosure = (id) => api.get(`/api/v1/disclosures/${id}`);
export const createDisclosure = (input) => api.post('/api/v1/disclosures', input, silent);
export const updateDisclosure = (id, input) => api.put(`/api/v1/disclosures/${id}`, input, silent);
export const reviewDisclosure = (id, input) => api.post(`/api/v1/disclosures/${id}/sign-off`, input, silent);
export const publishDisclosure = (id) => api.post(`/api/v1/disclosures/${id}/publish`, {});
export const disclosurePdfUrl = (id) => `/api/v1/disclosures/${id}.pdf`;

export const fetchSchedule = (code) => api.get(`/api/v1/villages/${enc(code)}/disclosure-schedule`);
export const saveSchedule = (code, input) => api.put(`/api/v1/villages/${enc(code)}/disclosure-schedule`, input, silent);
export const fetchOverview = (code) => api.get('/api/v1/disclosure-overview', { org_code: code });

export const fetchTopics = (query) => api.get('/api/v1/topics', { limit: 500, ...query });
export const fetchTopic = (id) => api.get(`/api/v1/topics/${id}`);
export const raiseTopic = (input) => api.post('/api/v1/topics', input, silent);
export const recordConsultation = (id, input) => api.post(`/api/v1/topics/${id}/consultations`, input, silent);

export const fetchConventions = (code) => api.get('/api/v1/conventions', { org_code: code });
export const draftConvention = (input) => api.post('/api/v1/conventions', input, silent);
export const adoptConvention = (id, input) => api.post(`/api/v1/conventions/${id}/adopt`, input, silent);
export const fileConvention = (id, input) => api.post(`/api/v1/conventions/${id}/filing`, input, silent);
