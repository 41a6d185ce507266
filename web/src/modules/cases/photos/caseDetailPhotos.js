// Photos on the case detail page: which files an action may carry, and how a case's photos
// line up with its timeline steps (docs/api-cases.md, "Photos"). Pure functions, no Vue.

// The server's rules, checked here first so that staff hear about a wrong file before the
// action is sent: at most 4 photos per step, JPEG/PNG/WebP, at most 10 MB each.
export const kMaxStepPhotos = 4;
export const kMaxPhotoBytes = 10 * 1024 * 1024;
export const kPhotoTypes = ['image/jpeg', 'image/png', 'image/webp'];
export const kPhotoAccept = kPhotoTypes.join(',');

const kExtensionTypes = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

// Steps after which the case takes no photos (closed, rejected or merged: the server answers
// cases.photo.closed), and the follow-up call, which is a phone call, not a visit.
const kNoPhotoActions = new Set(['close', 'reject', 'merge', 'follow_up']);

/** Whether the dialog of this action offers photos. */
export function actionTakesPhotos(action) {
  return Boolean(action) && !kNoPhotoActions.has(action);
}

/** The image type of a picked file: its MIME type, or from its extension when the browser gave none. */
export function photoTypeOf(file) {
  const type = String(file?.type ?? '').toLowerCase();
  if (type) return type === 'image/jpg' ? 'image/jpeg' : type;
  const ext = /\.([a-z0-9]+)$/i.exec(String(file?.name ?? ''))?.[1]?.toLowerCase();
  return kExtensionTypes[ext] ?? '';
}

/** Why a file cannot be attached, as a locale key, or '' when it can. */
export function photoFileError(file) {
  if (!kPhotoTypes.includes(photoTypeOf(file))) return 'caseDetail.photos.errors.type';
  const size = Number(file?.size ?? 0);
  if (!(size > 0)) return 'caseDetail.photos.errors.empty';
  if (size > kMaxPhotoBytes) return 'caseDetail.photos.errors.tooLarge';
  return '';
}

/**
 * Adds picked files to those already chosen: wrong files and those past the limit are left out.
 * Returns {accepted: [file], refused: [{name, key}]} (refused keeps the pick's order).
 */
export function addPhotoFiles(current, picked, max = kMaxStepPhotos) {
  const accepted = [];
  const refused = [];
  let room = Math.max(0, max - (current?.length ?? 0));
  for (const file of picked ?? []) {
    const key = photoFileError(file);
    if (key) refused.push({ name: file?.name ?? '', key });
    else if (room <= 0) refused.push({ name: file?.name ?? '', key: 'caseDetail.photos.errors.tooMany' });
    else {
      accepted.push(file);
      room -= 1;
    }
  }
  return { accepted, refused };
}

/** The id of the step a photo belongs to: its event, or the report when it names none. */
function stepIdOf(photo, reportId) {
  return photo?.event_id ?? reportId ?? null;
}

/** The first report event of a timeline (photos without an event belong to it). */
export function reportEventId(timeline) {
  return (timeline ?? []).find((e) => e.action === 'report')?.id ?? null;
}

/**
 * The photos of a case by timeline step, in timeline order: [{id, event, photos}]. Photos of an
 * event the timeline does not list (it cannot happen today) come last under `event: null`.
 */
export function groupPhotosByStep(photos, timeline) {
  const events = timeline ?? [];
  const reportId = reportEventId(events);
  const byStep = new Map();
  for (const photo of photos ?? []) {
    const id = stepIdOf(photo, reportId);
    if (!byStep.has(id)) byStep.set(id, []);
    byStep.get(id).push(photo);
  }
  const groups = [];
  for (const event of events) {
    const list = byStep.get(event.id);
    if (!list) continue;
    groups.push({ id: event.id, event, photos: list });
    byStep.delete(event.id);
  }
  const rest = [...byStep.values()].flat();
  if (rest.length) groups.push({ id: null, event: null, photos: rest });
  return groups;
}

/** Event id -> its photos, for the timeline (photos without an event under the report). */
export function photosByEvent(photos, timeline) {
  const reportId = reportEventId(timeline);
  const out = {};
  for (const photo of photos ?? []) {
    const id = stepIdOf(photo, reportId);
    if (id === null) continue;
    (out[id] ??= []).push(photo);
  }
  return out;
}

/**
 * The event an action just recorded, from the case read after it: the newest event of that
 * action newer than every event known before (`knownMaxId`). Falls back to the newest event of
 * the action when the earlier timeline was not known. null when there is none.
 */
export function eventOfAction(timeline, action, knownMaxId = 0) {
  const mine = (timeline ?? []).filter((e) => e.action === action);
  const fresh = mine.filter((e) => e.id > knownMaxId);
  const pool = fresh.length ? fresh : knownMaxId ? [] : mine;
  return pool.reduce((best, e) => (best === null || e.id > best.id ? e : best), null);
}

/** The largest event id of a timeline, 0 for none. */
export function maxEventId(timeline) {
  return (timeline ?? []).reduce((max, e) => Math.max(max, Number(e.id) || 0), 0);
}
