// A case reported without signal, as an outbox draft (lib/outbox.js). A case is one JSON POST
// and then up to four photo uploads that need the new case's id, so it does not fit the
// outbox's "one request per draft" on its own: sendCaseDraft does both steps and writes its
// progress into the draft (`created`, `photos_sent`) before each next step, so a connection
// lost half-way never reports the case twice; the retry only sends the photos still missing.
//
// draft fields used: kind 'case.create', path, body, photos: [data URL], created, photos_sent

export const kCaseDraftKind = 'case.create';

/**
 * deps = {post(path, body) → case, upload(path, blob) → photo, toBlob(dataUrl) → Blob,
 *         update(id, changes) → persisted draft, remember(id)}
 */
export async function sendCaseDraft(draft, deps) {
  let created = draft.created ?? null;
  if (!created) {
    const answer = await deps.post(draft.path, draft.body);
    created = { id: answer.id, version: answer.version };
    deps.remember?.(created.id);
    if (draft.id) await deps.update(draft.id, { created });
  }
  const photos = draft.photos ?? [];
  for (let i = draft.photos_sent ?? 0; i < photos.length; i++) {
    await deps.upload(`/api/v1/cases/${created.id}/photos`, deps.toBlob(photos[i]));
    if (draft.id) await deps.update(draft.id, { photos_sent: i + 1 });
  }
  return created;
}
