// Uploads one photo to a step of a case: the raw file as the body (the server takes no
// multipart), the session cookie and the CSRF header as every console write. core/api.js sends
// JSON only, hence this one call of its own; its answers and errors follow the same rules.
import { ApiError, kCsrfCookie, readCookie } from '../../../core/api.js';
import { currentLocale, t } from '../../../core/i18n.js';
import { photoTypeOf } from './caseDetailPhotos.js';

const kUploadTimeoutMs = 120000; // 10 MB over a slow township line

/**
 * POST /api/v1/cases/{id}/photos?event={eventId}. Resolves to the photo (201 new, 200 when the
 * same bytes were already on that step); rejects with an ApiError carrying the server's title.
 */
export async function uploadCasePhoto(caseId, file, eventId) {
  const query = eventId ? `?event=${encodeURIComponent(eventId)}` : '';
  const headers = {
    Accept: 'application/json',
    'Accept-Language': currentLocale(),
    'Content-Type': photoTypeOf(file) || 'application/octet-stream',
  };
  const csrf = readCookie(kCsrfCookie);
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), kUploadTimeoutMs);
  let response;
  try {
    response = await fetch(`/api/v1/cases/${encodeURIComponent(caseId)}/photos${query}`, {
      method: 'POST',
      headers,
      body: file,
      credentials: 'same-origin',
      signal: controller.signal,
    });
  } catch {
    throw new ApiError({ status: 0, code: 'network', title: t('common.networkError') });
  } finally {
    clearTimeout(timer);
  }
  const isJson = (response.headers.get('Content-Type') || '').includes('json');
  const body = isJson ? await response.json().catch(() => ({})) : {};
  if (!response.ok) {
    throw new ApiError({
      status: body.status ?? response.status,
      code: body.code,
      title: body.title || `${response.status} ${response.statusText || ''}`.trim(),
      detail: body.detail,
      field: body.field,
      requestId: body.request_id || response.headers.get('X-Request-Id'),
    });
  }
  return body;
}
