// How the phone app talks to the server: the shared client of core/http.js (the console's
// rules), with the phone's i18n. Differences: no message is shown here (the screens show errors
// where they happened, without Element Plus), and a call gives up after 20 s; a failed connection
// or a timeout is status 0, which the outbox keeps as a draft (isOffline).
import { currentLocale, t } from './i18n.js';
import { ApiError, createHttpClient } from '../core/http.js';

export { ApiError, errorMessage } from '../core/http.js';

const kTimeoutMs = 20000;

export function isOffline(error) {
  return error instanceof ApiError && error.status === 0;
}

export const { request, api, onUnauthorized } = createHttpClient({ currentLocale, t, timeoutMs: kTimeoutMs });
