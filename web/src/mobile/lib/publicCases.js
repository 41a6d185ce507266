// The resident channel (no account): report a problem, follow it by its tracking code, rate it.
// Codes reported from this phone are remembered so nobody has to copy them by hand.
import { api } from '../api.js';
import { uploadAll } from './photos.js';

const kCodesKey = 'jiceng_m_public_codes';
const kCodesMax = 10;

export const publicApi = {
  categories: () => api.get('/api/v1/public/case-categories'),
  report: (body) => api.post('/api/v1/public/cases', body),
  track: (code) => api.get(`/api/v1/public/cases/${encodeURIComponent(code)}`),
  followUp: (code, body) => api.post(`/api/v1/public/cases/${encodeURIComponent(code)}/follow-up`, body),
  photos: (code, token, blobs) =>
    uploadAll(`/api/v1/public/cases/${encodeURIComponent(code)}/photos`, blobs, { 'X-Upload-Token': token }),
};

/** Tracking codes as people type them: no spaces, upper case. */
export function normalizeCode(text) {
  return String(text ?? '').replace(/\s+/g, '').toUpperCase();
}

export function rememberedCodes(storage = localStorage) {
  try {
    const list = JSON.parse(storage.getItem(kCodesKey) || '[]');
    return Array.isArray(list) ? list.filter((x) => x && typeof x.code === 'string') : [];
  } catch {
    return [];
  }
}

/** item = {code, category, at} */
export function rememberCode(item, storage = localStorage) {
  const next = [item, ...rememberedCodes(storage).filter((x) => x.code !== item.code)].slice(0, kCodesMax);
  try {
    storage.setItem(kCodesKey, JSON.stringify(next));
  } catch {
    /* ignore */
  }
  return next;
}

/**
 * The body of POST /api/v1/public/cases: only what was given. public_description is sent only
 * when the resident chose to show the description and address on the public list.
 */
export function publicReportBody({ category, description, point, grid, address, name, phone, shareDescription }) {
  const body = { category_code: category, description: String(description ?? '').trim() };
  if (shareDescription === true) body.public_description = true;
  if (point) {
    body.lng = point.lng;
    body.lat = point.lat;
  }
  if (grid) body.grid_code = grid;
  for (const [key, value] of [
    ['address', address],
    ['reporter_name', name],
    ['reporter_phone', phone],
  ]) {
    const text = String(value ?? '').trim();
    if (text) body[key] = text;
  }
  return body;
}
