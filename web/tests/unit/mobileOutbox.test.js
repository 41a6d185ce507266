import { describe, expect, it } from 'vitest';
import { classifyError, createOutbox, memoryStore } from '../../src/mobile/lib/outbox.js';

function clock(start = Date.parse('2026-11-26T01:00:00Z')) {
  let now = start;
  return () => new Date((now += 1000));
}

function failure(status, code = '', body = {}) {
  return Object.assign(new Error(code || `HTTP ${status}`), { status, code, title: code, body });
}

/** send() answering from a script of outcomes: a value is the answer, an Error is thrown. */
function scripted(outcomes) {
  const calls = [];
  return {
    calls,
    send: async (draft) => {
      calls.push(draft);
      const next = outcomes.length ? outcomes.shift() : { ok: true };
      if (next instanceof Error) throw next;
      return next;
    },
  };
}

const visit = (note) => ({ kind: 'visit.create', method: 'POST', path: '/api/v1/visits', body: { note }, owner: 'grid1' });

describe('outbox: drafts kept on the phone', () => {
  it('classifies errors', () => {
    expect(classifyError(failure(0))).toBe('offline');
    expect(classifyError(failure(401, 'auth.session_expired'))).toBe('auth');
    expect(classifyError(failure(409, 'people.version_conflict'))).toBe('conflict');
    expect(classifyError(failure(409, 'people.resident.duplicate'))).toBe('rejected');
    expect(classifyError(failure(422, 'people.name.required'))).toBe('rejected');
    expect(classifyError(failure(503))).toBe('retry');
  });

  it('sends at once when online and keeps nothing', async () => {
    const store = memoryStore();
    const server = scripted([{ id: 7 }]);
    const outbox = createOutbox({ store, send: server.send, now: clock() });
    const outcome = await outbox.saveOrQueue(visit('a'), { online: true });
    expect(outcome).toEqual({ status: 'sent', result: { id: 7 } });
    expect(await store.all()).toEqual([]);
  });

  it('keeps the write without trying when the phone says it is offline', async () => {
    const store = memoryStore();
    const server = scripted([]);
    const outbox = createOutbox({ store, send: server.send, now: clock() });
    const outcome = await outbox.saveOrQueue(visit('a'), { online: false });
    expect(outcome.status).toBe('queued');
    expect(server.calls).toHaveLength(0);
    expect(await outbox.list('grid1')).toMatchObject([{ status: 'pending', body: { note: 'a' } }]);
  });

  it('keeps the write when the connection fails or the session expired', async () => {
    const store = memoryStore();
    const server = scripted([failure(0), failure(401, 'auth.session_expired')]);
    const outbox = createOutbox({ store, send: server.send, now: clock() });
    expect((await outbox.saveOrQueue(visit('a'))).status).toBe('queued');
    expect(await outbox.saveOrQueue(visit('b'))).toMatchObject({ status: 'queued', reason: 'auth' });
    expect((await outbox.list('grid1')).map((d) => d.body.note)).toEqual(['a', 'b']);
  });

  it('lets validation errors through to the form and keeps nothing', async () => {
    const store = memoryStore();
    const server = scripted([failure(422, 'people.id_number.check_digit')]);
    const outbox = createOutbox({ store, send: server.send, now: clock() });
    await expect(outbox.saveOrQueue(visit('a'))).rejects.toMatchObject({ status: 422 });
    expect(await store.all()).toEqual([]);
  });

  it('turns a version conflict into a conflict draft carrying the server record', async () => {
    const store = memoryStore();
    const current = { id: 12, notes: 'theirs', version: 4 };
    const server = scripted([failure(409, 'people.version_conflict', { current })]);
    const outbox = createOutbox({ store, send: server.send, now: clock() });
    const outcome = await outbox.saveOrQueue({
      kind: 'resident.update',
      method: 'PATCH',
      path: '/api/v1/residents/12',
      body: { notes: 'mine', version: 3 },
      base: { id: 12, notes: '', version: 3 },
      owner: 'grid1',
      target_id: 12,
    });
    expect(outcome.status).toBe('conflict');
    expect(outcome.draft).toMatchObject({ status: 'conflict', current, body: { notes: 'mine', version: 3 } });
  });

  it('flushes oldest first, stops at the first network failure, keeps the rest', async () => {
    const store = memoryStore();
    const server = scripted([{ id: 1 }, failure(0)]);
    const outbox = createOutbox({ store, send: server.send, now: clock() });
    for (const note of ['a', 'b', 'c']) await outbox.add(visit(note));
    const outcome = await outbox.flush('grid1');
    expect(outcome.sent.map((s) => s.draft.body.note)).toEqual(['a']);
    expect(outcome.stopped).toBe('offline');
    expect(server.calls.map((d) => d.body.note)).toEqual(['a', 'b']);
    expect((await outbox.list('grid1')).map((d) => [d.body.note, d.status])).toEqual([
      ['b', 'pending'],
      ['c', 'pending'],
    ]);
  });

  it('marks conflicts and refusals and goes on with the next draft', async () => {
    const store = memoryStore();
    const server = scripted([
      failure(409, 'people.version_conflict', { current: { version: 9 } }),
      failure(422, 'people.name.required'),
      failure(503),
      { id: 4 },
    ]);
    const outbox = createOutbox({ store, send: server.send, now: clock() });
    for (const note of ['a', 'b', 'c', 'd']) await outbox.add(visit(note));
    const outcome = await outbox.flush('grid1');
    expect(outcome.conflicts.map((d) => d.body.note)).toEqual(['a']);
    expect(outcome.failed.map((d) => d.body.note)).toEqual(['b']);
    expect(outcome.kept.map((d) => d.body.note)).toEqual(['c']);
    expect(outcome.sent.map((s) => s.draft.body.note)).toEqual(['d']);
    const left = await outbox.list('grid1');
    expect(left.map((d) => [d.body.note, d.status])).toEqual([
      ['a', 'conflict'],
      ['b', 'failed'],
      ['c', 'pending'],
    ]);
    expect(left[0].current).toEqual({ version: 9 });
    expect(left[1].error.code).toBe('people.name.required');
    expect(left[2].attempts).toBe(1);
  });

  it('does not send conflicts or refusals again until retried', async () => {
    const store = memoryStore();
    const server = scripted([failure(422, 'people.name.required'), { id: 1 }]);
    const outbox = createOutbox({ store, send: server.send, now: clock() });
    const draft = await outbox.add(visit('a'));
    await outbox.flush('grid1');
    await outbox.flush('grid1');
    expect(server.calls).toHaveLength(1);
    await outbox.retry(draft.id);
    const outcome = await outbox.flush('grid1');
    expect(outcome.sent).toHaveLength(1);
    expect(await store.all()).toEqual([]);
  });

  it('sends only the signed-in worker’s drafts', async () => {
    const store = memoryStore();
    const server = scripted([]);
    const outbox = createOutbox({ store, send: server.send, now: clock() });
    await outbox.add(visit('mine'));
    await outbox.add({ ...visit('theirs'), owner: 'grid2' });
    await outbox.flush('grid1');
    expect(server.calls.map((d) => d.body.note)).toEqual(['mine']);
    expect((await outbox.list('grid2')).map((d) => d.body.note)).toEqual(['theirs']);
  });

  it('shares one run between concurrent flushes (online event and app start)', async () => {
    const store = memoryStore();
    let release;
    const gate = new Promise((r) => (release = r));
    const calls = [];
    const outbox = createOutbox({
      store,
      now: clock(),
      send: async (d) => {
        calls.push(d.body.note);
        await gate;
        return {};
      },
    });
    await outbox.add(visit('a'));
    const first = outbox.flush('grid1');
    const second = outbox.flush('grid1');
    release();
    expect(await first).toBe(await second);
    expect(calls).toEqual(['a']);
  });

  it('replaces the draft it was opened from', async () => {
    const store = memoryStore();
    const server = scripted([failure(0), { id: 5 }]);
    const outbox = createOutbox({ store, send: server.send, now: clock() });
    const draft = await outbox.add({ ...visit('typo'), status: 'failed', error: { title: 'x' } });
    const kept = await outbox.saveOrQueue(visit('fixed'), { draftId: draft.id });
    expect(kept.draft.id).toBe(draft.id);
    expect(await outbox.list('grid1')).toMatchObject([{ id: draft.id, status: 'pending', error: null, body: { note: 'fixed' } }]);
    const sent = await outbox.saveOrQueue(visit('fixed'), { draftId: draft.id });
    expect(sent.status).toBe('sent');
    expect(await store.all()).toEqual([]);
  });
});
