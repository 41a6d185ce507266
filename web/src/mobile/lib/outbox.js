// The outbox: writes made on the phone that have not reached the server yet (drafts).
// Pure logic over a small store interface so it can be tested with a fake store:
//   store.all() → [draft], store.get(id) → draft | undefined, store.put(draft), store.delete(id)
// and a send(draft) that resolves to the server's answer or rejects with an error carrying
// `status` (0 = the network is down), `code` and, for a version conflict, `body.current`.
//
// draft = { id, owner, kind, method, path, body, base, label, target_id, created_at,
//           status: 'pending' | 'conflict' | 'failed', attempts, error, current }
//   kind   'resident.create' | 'resident.update' | 'visit.create' | 'patrol.create'
//   base   the record as it was loaded when the edit started (updates only)
//   current the server's record answered with a 409 people.version_conflict

export const kVersionConflict = 'people.version_conflict';

/** What an error from send() means for a draft. */
export function classifyError(error) {
  const status = error?.status ?? 0;
  if (status === 0) return 'offline';
  if (status === 401) return 'auth';
  if (status === 409 && error.code === kVersionConflict) return 'conflict';
  if (status >= 500 || status === 408 || status === 429) return 'retry';
  return 'rejected';
}

function errorSummary(error) {
  return {
    status: error?.status ?? 0,
    code: error?.code ?? '',
    title: error?.title ?? error?.message ?? '',
    detail: error?.detail ?? '',
    field: error?.field ?? '',
  };
}

function byCreation(a, b) {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? -1 : 1;
  return a.seq - b.seq;
}

let counter = 0;
function defaultId() {
  counter += 1;
  return `d${Date.now().toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

export function createOutbox({ store, send, now = () => new Date(), newId = defaultId }) {
  let running = null;

  /** The owner's drafts, oldest first. */
  async function list(owner) {
    const all = await store.all();
    return all.filter((d) => d.owner === owner).sort(byCreation);
  }

  /** Stores a new draft (status pending unless given). */
  async function add(fields) {
    const draft = {
      status: 'pending',
      attempts: 0,
      error: null,
      current: null,
      base: null,
      label: '',
      target_id: null,
      ...fields,
      id: fields.id ?? newId(),
      created_at: fields.created_at ?? now().toISOString(),
      seq: fields.seq ?? Date.now() * 1000 + (counter++ % 1000),
    };
    await store.put(draft);
    return draft;
  }

  async function update(id, changes) {
    const draft = await store.get(id);
    if (!draft) return null;
    const next = { ...draft, ...changes };
    await store.put(next);
    return next;
  }

  async function remove(id) {
    await store.delete(id);
  }

  /**
   * Tries to send now; if the phone is offline (or the connection fails, or the session has
   * expired) keeps the write as a draft. Resolves to {status: 'sent', result} | {status: 'queued', draft} |
   * {status: 'conflict', draft}. Other errors (validation 422, duplicates, 5xx) reject so the
   * form can show them next to the fields; nothing is lost because the form keeps its values.
   * With draftId, the write replaces that draft (a draft opened again and corrected).
   */
  async function saveOrQueue(fields, { online = true, draftId = null } = {}) {
    const keep = async (extra) => {
      if (draftId) {
        const existing = await store.get(draftId);
        if (existing) return update(draftId, { ...fields, status: 'pending', error: null, current: null, ...extra });
      }
      return add({ ...fields, ...extra });
    };
    if (!online) return { status: 'queued', draft: await keep({}) };
    try {
      const result = await send(fields);
      if (draftId) await remove(draftId);
      return { status: 'sent', result };
    } catch (error) {
      const kind = classifyError(error);
      if (kind === 'offline') return { status: 'queued', draft: await keep({}) };
      // The session ran out while the form was open: keep the write, it goes after the login.
      if (kind === 'auth') return { status: 'queued', reason: 'auth', draft: await keep({}) };
      if (kind === 'conflict') {
        const draft = await keep({ status: 'conflict', current: error.body?.current ?? null, error: errorSummary(error) });
        return { status: 'conflict', draft };
      }
      throw error;
    }
  }

  async function flushOnce(owner) {
    const outcome = { sent: [], conflicts: [], failed: [], kept: [], stopped: null };
    for (const draft of await list(owner)) {
      if (draft.status !== 'pending') continue;
      if (outcome.stopped) {
        outcome.kept.push(draft);
        continue;
      }
      try {
        const result = await send(draft);
        await remove(draft.id);
        outcome.sent.push({ draft, result });
      } catch (error) {
        const kind = classifyError(error);
        if (kind === 'offline' || kind === 'auth') {
          outcome.stopped = kind;
          outcome.kept.push(draft);
        } else if (kind === 'conflict') {
          outcome.conflicts.push(
            await update(draft.id, { status: 'conflict', current: error.body?.current ?? null, error: errorSummary(error) }),
          );
        } else if (kind === 'retry') {
          outcome.kept.push(await update(draft.id, { attempts: (draft.attempts ?? 0) + 1, error: errorSummary(error) }));
        } else {
          outcome.failed.push(await update(draft.id, { status: 'failed', error: errorSummary(error) }));
        }
      }
    }
    return outcome;
  }

  /**
   * Sends the owner's pending drafts, oldest first. Stops at the first network failure or
   * expired session (the rest stay pending); a version conflict or a refusal marks that draft
   * and goes on with the next. Concurrent calls share one run.
   */
  function flush(owner) {
    if (!running) {
      running = flushOnce(owner).finally(() => {
        running = null;
      });
    }
    return running;
  }

  /** Puts a conflict or failed draft back in the queue (after the worker resolved it). */
  async function retry(id, changes = {}) {
    return update(id, { ...changes, status: 'pending', error: null });
  }

  return { list, add, update, remove, saveOrQueue, flush, retry };
}

/** An in-memory store with the same interface (tests, and the fallback without IndexedDB). */
export function memoryStore() {
  const rows = new Map();
  const copy = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
  return {
    async all() {
      return [...rows.values()].map(copy);
    },
    async get(id) {
      return copy(rows.get(id));
    },
    async put(draft) {
      rows.set(draft.id, copy(draft));
    },
    async delete(id) {
      rows.delete(id);
    },
  };
}
