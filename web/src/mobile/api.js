// How the phone app talks to the server. Same rules as the console's client
// (src/core/api.js): JSON over fetch, same-origin cookies, X-CSRF-Token from the jiceng_csrf
// cookie on writes, problem+json turned into ApiError. It is its own small file because the
// console's client shows errors with Element Plus, which the phone bundle must not carry.
// Differences: the whole problem body is kept (a 409 version conflict carries `current`), a
// failed connection or a timeout is status 0 (the outbox keeps the write as a draft), and no
// message is shown here: the screens show errors where they happened.
import { currentLocale, t } from './i18n.js';

export const kCsrfCookie = 'jiceng_csrf';
const kSafeMethods = new Set(['GET', 'HEAD']);
const kTimeoutMs = 20000;

export class ApiError extends Error {
  constructor({ status, code, title, detail, field, requestId, body }) {
    super(title || code || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code ?? '';
    this.title = title ?? '';
    this.detail = detail ?? '';
    this.field = field ?? '';
    this.requestId = requestId ?? '';
    this.body = body ?? {};
  }
}

export function isOffline(error) {
  return error instanceof ApiError && error.status === 0;
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

let unauthorizedHandler = () => {};
/** Called with every 401 except the login call itself. */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

export async function request(method, path, { query, body } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': currentLocale() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (!kSafeMethods.has(method)) {
    const csrf = readCookie(kCsrfCookie);
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = controller ? setTimeout(() => controller.abort(), kTimeoutMs) : null;
  let response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller?.signal,
    });
  } catch {
    throw new ApiError({ status: 0, code: 'network', title: t('common.networkError') });
  } finally {
    if (timer) clearTimeout(timer);
  }
  if (!response.ok) {
    let problem = {};
    if ((response.headers.get('Content-Type') || '').includes('json')) {
      try {
        problem = await response.json();
      } catch {
        problem = {};
      }
    }
    const error = new ApiError({
      status: response.status,
      code: problem.code,
      title: problem.title || `${response.status} ${response.statusText || ''}`.trim(),
      detail: problem.detail,
      field: problem.field,
      requestId: problem.request_id || response.headers.get('X-Request-Id'),
      body: problem,
    });
    if (response.status === 401 && path !== '/api/v1/auth/login') unauthorizedHandler(error);
    throw error;
  }
  if (response.status === 204) return null;
  return (response.headers.get('Content-Type') || '').includes('json') ? response.json() : response.text();
}

export const api = {
  get: (path, query) => request('GET', path, { query }),
  post: (path, body) => request('POST', path, { body }),
  patch: (path, body) => request('PATCH', path, { body }),
  put: (path, body) => request('PUT', path, { body }),
  delete: (path) => request('DELETE', path),
};
