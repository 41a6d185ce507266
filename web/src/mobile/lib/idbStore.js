// The outbox store on IndexedDB (plain API): one object store of drafts keyed by id.
// Falls back to memory when IndexedDB is missing (private mode in some browsers); the drafts
// then last until the page is closed.
import { memoryStore } from './outbox.js';

const kDbName = 'jiceng-mobile';
const kDbVersion = 1;
const kDrafts = 'drafts';

function promisify(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(kDbName, kDbVersion);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(kDrafts)) db.createObjectStore(kDrafts, { keyPath: 'id' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('IndexedDB blocked'));
  });
}

export function idbStore() {
  if (typeof indexedDB === 'undefined') return memoryStore();
  let dbPromise = null;
  let fallback = null;
  const db = () => {
    dbPromise ??= openDb();
    return dbPromise;
  };
  async function run(mode, action) {
    if (fallback) return action(null, fallback);
    let handle;
    try {
      handle = await db();
    } catch {
      fallback = memoryStore();
      return action(null, fallback);
    }
    const tx = handle.transaction(kDrafts, mode);
    const done = new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    const result = await promisify(action(tx.objectStore(kDrafts), null));
    await done;
    return result;
  }
  return {
    all: () => run('readonly', (s, mem) => (mem ? mem.all() : s.getAll())),
    get: (id) => run('readonly', (s, mem) => (mem ? mem.get(id) : s.get(id))),
    put: (draft) => run('readwrite', (s, mem) => (mem ? mem.put(draft) : s.put(JSON.parse(JSON.stringify(draft))))),
    delete: (id) => run('readwrite', (s, mem) => (mem ? mem.delete(id) : s.delete(id))),
  };
}
