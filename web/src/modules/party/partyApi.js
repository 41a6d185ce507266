// Calls of the party module (docs/api-party.md) and the two committees of the autonomy module
// (docs/api-autonomy.md, "Two committees").
import { api } from '../../core/api.js';

const enc = encodeURIComponent;
export const kMemberPageSize = 20;

// Party organizations and the organizer's to-do list of terms
export const fetchPartyOrgs = (orgCode) => api.get('/api/v1/party/orgs', { org_code: orgCode || undefined });
export const fetchPartyOrg = (id) => api.get(`/api/v1/party/orgs/${enc(id)}`, undefined, { silent: true });
export const createPartyOrg = (body) => api.post('/api/v1/party/orgs', body, { silent: true });
export const fetchPartyTodo = () => api.get('/api/v1/party/todo', undefined, { silent: true });

// Members
export const fetchMembers = (partyOrgId, cursor) =>
  api.get('/api/v1/party/members', { party_org_id: partyOrgId, limit: kMemberPageSize, cursor });
export const fetchMember = (id) => api.get(`/api/v1/party/members/${enc(id)}`, undefined, { silent: true });
export const createMember = (body) => api.post('/api/v1/party/members', body, { silent: true });
export const updateMember = (id, patch) => api.patch(`/api/v1/party/members/${enc(id)}`, patch, { silent: true });
export const memberExportUrl = (partyOrgId) =>
  `/api/v1/party/members/export?party_org_id=${enc(partyOrgId)}`;

// Household links (党员联户) and visits
export const fetchLinks = (memberId) => api.get(`/api/v1/party/members/${enc(memberId)}/households`);
export const linkHousehold = (memberId, householdId) =>
  api.post(`/api/v1/party/members/${enc(memberId)}/households`, { household_id: householdId }, { silent: true });
export const unlinkHousehold = (memberId, householdId) =>
  api.delete(`/api/v1/party/members/${enc(memberId)}/households/${enc(householdId)}`);
export const recordVisit = (memberId, body) =>
  api.post(`/api/v1/party/members/${enc(memberId)}/visits`, body, { silent: true });

// Community reports (在职党员双报到)
export const fetchReports = (orgCode) =>
  api.get('/api/v1/party/community-reports', { org_code: orgCode || undefined });
export const reportToCommunity = (memberId) =>
  api.post('/api/v1/party/community-reports', { member_id: memberId }, { silent: true });
export const fetchNeeds = (orgCode, status) =>
  api.get('/api/v1/party/needs', { org_code: orgCode || undefined, status: status || undefined });
export const createNeed = (body) => api.post('/api/v1/party/needs', body, { silent: true });
export const signUp = (needId, memberId) =>
  api.post(`/api/v1/party/needs/${enc(needId)}/signups`, { member_id: memberId }, { silent: true });
export const fulfilNeed = (needId, hours) =>
  api.post(`/api/v1/party/needs/${enc(needId)}/fulfil`, { hours }, { silent: true });
export const summaryUrl = (memberId) =>
  `/api/v1/party/members/${enc(memberId)}/community-summary?format=html`;

// The two committees (村"两委")
export const fetchTwoCommittees = (orgCode) =>
  api.get('/api/v1/two-committees', { org_code: orgCode || undefined });
export const fetchVillageTwoCommittees = (code) =>
  api.get(`/api/v1/villages/${enc(code)}/two-committees`, undefined, { silent: true });
