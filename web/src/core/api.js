// The one way the console talks to the server: JSON over fetch, same-origin cookies,
// CSRF header on writes, problem+json turned into ApiError.
import { ElMessage } from 'element-plus';
import { currentLocale, t } from './i18n.js';

export const kCsrfCookie = 'jiceng_csrf';
const kSafeMethods = new Set(['GET', 'HEAD']);

/** An error answered by the server (problem+json) or a failed connection (status 0). */
export class ApiError extends Error {
  constructor({ status, code, title, detail, field, requestId }) {
    super(title || code || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code ?? '';
    this.title = title ?? '';
    this.detail = detail ?? '';
    this.field = field ?? '';
    this.requestId = requestId ?? '';
  }
}

let unauthorizedHandler = () => {};
/** Called once with every 401 (except the login call itself), e.g. to go to the login page. */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

export function readCookie(name, cookieString = document.cookie) {
  for (const part of cookieString.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return '';
}

export function buildUrl(path, query) {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function errorFromResponse(response) {
  let body = {};
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      body = await response.json();
    } catch {
      body = {};
    }
  }
  return new ApiError({
    status: body.status ?? response.status,
    code: body.code,
    title: body.title || `${response.status} ${response.statusText || ''}`.trim(),
    detail: body.detail,
    field: body.field,
    requestId: body.request_id || response.headers.get('X-Request-Id'),
  });
}

export function showApiError(error) {
  const text = error instanceof ApiError ? error.title || error.code : t('common.unknownError');
  ElMessage({ type: 'error', message: text, showClose: true, grouping: true });
}

/**
 * request('GET', '/api/v1/orgs', { query: { q } })
 * Options: query, body, silent (do not show the error message; the caller shows it).
 * Resolves to the parsed JSON (or null for 204); rejects with ApiError.
 */
export async function request(method, path, { query, body, silent = false } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': currentLocale() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (!kSafeMethods.has(method)) {
    const csrf = readCookie(kCsrfCookie);
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  let response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    const error = new ApiError({ status: 0, code: 'network', title: t('common.networkError') });
    if (!silent) showApiError(error);
    throw error;
  }
  if (!response.ok) {
    const error = await errorFromResponse(response);
    if (response.status === 401 && path !== '/api/v1/auth/login') {
      unauthorizedHandler(error);
    } else if (!silent) {
      showApiError(error);
    }
    throw error;
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

export const api = {
  get: (path, query, options) => request('GET', path, { ...options, query }),
  post: (path, body, options) => request('POST', path, { ...options, body }),
  put: (path, body, options) => request('PUT', path, { ...options, body }),
  patch: (path, body, options) => request('PATCH', path, { ...options, body }),
  delete: (path, options) => request('DELETE', path, options),
};
