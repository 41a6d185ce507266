// How both apps talk to the server: the console (core/api.js, which shows errors with Element
// Plus) and the phone pages (mobile/api.js, which show them where they happened and keep
// offline drafts). No UI library and no i18n instance here: each app passes its own.
// Rules: JSON over fetch (or raw bytes for uploads), same-origin cookies, X-CSRF-Token from the
// jiceng_csrf cookie on writes, problem+json turned into ApiError (the whole problem body is kept:
// a 409 version conflict carries `current`), a failed connection or a timeout is status 0.

export const kCsrfCookie = 'jiceng_csrf';
const kSafeMethods = new Set(['GET', 'HEAD']);
const kLoginPath = '/api/v1/auth/login';
// A session that must first change its password or enrol a second factor is refused everything
// else with 403 and one of these codes; the app sends the user to the page of that step.
const kPendingCodes = new Set(['auth.pending.password_change', 'auth.pending.totp_enrol']);

/** The pending step ("password_change" | "totp_enrol") a 403 asks for, or "" for any other error. */
export function pendingStepOf(error) {
  return error?.status === 403 && kPendingCodes.has(error.code) ? error.code.slice('auth.pending.'.length) : '';
}

/** An error answered by the server (problem+json) or a failed connection (status 0). */
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

/**
 * The text to show for an error: the server's title (or code) for an ApiError; for anything
 * else its title, else the fallback, else its own message.
 */
export function errorMessage(error, fallback = '') {
  if (error instanceof ApiError) return error.title || error.code || error.message;
  return error?.title || fallback || error?.message || '';
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

const isJson = (response) => (response.headers.get('Content-Type') || '').includes('json');

/** A failed answer → ApiError (problem+json when the server sent one). */
export async function errorFromResponse(response) {
  let body = {};
  if (isJson(response)) {
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
    body,
  });
}

/**
 * One app's client. currentLocale() and t() are the app's own; timeoutMs (0: none) is the
 * default of every call; showError(error) is called with every failure a call does not silence
 * (the console shows a message, the phone nothing).
 */
export function createHttpClient({ currentLocale, t, timeoutMs: defaultTimeoutMs = 0, showError = () => {} }) {
  let unauthorizedHandler = () => {};
  let pendingHandler = null;

  /**
   * request('GET', '/api/v1/orgs', { query: { q } })
   * Options: query; body (sent as JSON) or raw (a Blob/File sent as it is, with contentType);
   * headers (more of them, e.g. an idempotency key); timeoutMs; silent (no showError: the caller
   * shows the error).
   * Resolves to the parsed JSON (or text, or null for 204); rejects with ApiError.
   */
  async function request(
    method,
    path,
    { query, body, raw, contentType, headers: extra, timeoutMs = defaultTimeoutMs, silent = false } = {},
  ) {
    const headers = { Accept: 'application/json', 'Accept-Language': currentLocale() };
    if (raw !== undefined) headers['Content-Type'] = contentType || raw.type || 'application/octet-stream';
    else if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (!kSafeMethods.has(method)) {
      const csrf = readCookie(kCsrfCookie);
      if (csrf) headers['X-CSRF-Token'] = csrf;
    }
    Object.assign(headers, extra);
    const controller = timeoutMs && typeof AbortController === 'function' ? new AbortController() : null;
    const timer = controller ? setTimeout(() => controller.abort(), timeoutMs) : null;
    let response;
    try {
      response = await fetch(buildUrl(path, query), {
        method,
        headers,
        credentials: 'same-origin',
        body: raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body),
        signal: controller?.signal,
      });
    } catch {
      const error = new ApiError({ status: 0, code: 'network', title: t('common.networkError') });
      if (!silent) showError(error);
      throw error;
    } finally {
      if (timer) clearTimeout(timer);
    }
    if (!response.ok) {
      const error = await errorFromResponse(response);
      if (response.status === 401 && path !== kLoginPath) unauthorizedHandler(error);
      else if (pendingHandler && pendingStepOf(error)) pendingHandler(pendingStepOf(error), error);
      else if (!silent) showError(error);
      throw error;
    }
    if (response.status === 204) return null;
    return isJson(response) ? response.json() : response.text();
  }

  return {
    request,
    /** Called with every 401 except the login call itself, e.g. to go to the login page. */
    onUnauthorized(handler) {
      unauthorizedHandler = handler;
    },
    /**
     * Called with (step, error) on a 403 auth.pending.* answer, even of a silent call, instead
     * of showing it: the user has a step to take first, not a failure to read.
     */
    onPending(handler) {
      pendingHandler = handler;
    },
    api: {
      get: (path, query, options) => request('GET', path, { ...options, query }),
      post: (path, body, options) => request('POST', path, { ...options, body }),
      put: (path, body, options) => request('PUT', path, { ...options, body }),
      patch: (path, body, options) => request('PATCH', path, { ...options, body }),
      delete: (path, options) => request('DELETE', path, options),
      /** POSTs raw bytes (a photo, an import file) with their own Content-Type. */
      upload: (path, raw, options) => request('POST', path, { ...options, raw }),
    },
  };
}
