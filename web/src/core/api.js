// The one way the console talks to the server: the shared client of core/http.js, with the
// console's i18n, and failures shown as an Element Plus message unless a call is `silent`.
import { ElMessage } from 'element-plus';
import { currentLocale, t } from './i18n.js';
import { createHttpClient, errorMessage } from './http.js';

export { ApiError, buildUrl, kCsrfCookie, pendingStepOf, readCookie } from './http.js';

export function showApiError(error) {
  ElMessage({ type: 'error', message: errorMessage(error, t('common.unknownError')), showClose: true, grouping: true });
}

/**
 * request('GET', '/api/v1/orgs', { query: { q } }), or api.get/post/put/patch/delete/upload.
 * Options: see core/http.js (silent: do not show the error message; the caller shows it).
 * Resolves to the parsed JSON (or null for 204); rejects with ApiError.
 */
export const { request, api, onUnauthorized, onPending } = createHttpClient({ currentLocale, t, showError: showApiError });
