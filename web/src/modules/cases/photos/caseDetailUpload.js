// Uploads one photo to a step of a case: the raw file as the body (the server takes no
// multipart), the session cookie and the CSRF header as every console write (api.upload).
import { api } from '../../../core/api.js';
import { photoTypeOf } from './caseDetailPhotos.js';

const kUploadTimeoutMs = 120000; // 10 MB over a slow township line

/**
 * POST /api/v1/cases/{id}/photos?event={eventId}. Resolves to the photo (201 new, 200 when the
 * same bytes were already on that step); rejects with an ApiError carrying the server's title.
 */
export function uploadCasePhoto(caseId, file, eventId) {
  return api.upload(`/api/v1/cases/${encodeURIComponent(caseId)}/photos`, file, {
    query: { event: eventId },
    contentType: photoTypeOf(file) || 'application/octet-stream',
    timeoutMs: kUploadTimeoutMs,
    silent: true,
  });
}
