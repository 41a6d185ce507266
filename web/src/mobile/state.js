// The phone app's shared state: who is signed in, their grids, the outbox, code tables,
// elder mode and the one-line notices. A reactive object instead of Pinia keeps the bundle small.
import { reactive } from 'vue';
import { api, isOffline } from './api.js';
import { t } from './i18n.js';
import { createOutbox } from './lib/outbox.js';
import { idbStore } from './lib/idbStore.js';
import { loadCodes as loadCodeTables, pushRecent } from './lib/codes.js';
import { kCaseDraftKind, sendCaseDraft } from './lib/caseDraft.js';
import { rememberReported } from './lib/myCases.js';
import { readStoredJson, writeStoredJson } from './lib/storedJson.js';
import { dataUrlToBlob, uploadPhoto } from './lib/photos.js';

// Same key and class as the console's elder mode (src/core/stores/elderMode.js), so the choice
// is shared by both apps in one browser.
export const kElderStorageKey = 'jiceng_elder_mode';
export const kElderClass = 'elder-mode';
const kUserKey = 'jiceng_m_user';
const kGridKey = 'jiceng_m_grid';
const kLastUsernameKey = 'jiceng_m_username';

const readJson = (key, fallback) => readStoredJson(localStorage, key, fallback);
const writeJson = (key, value) => writeStoredJson(localStorage, key, value);

function readElder() {
  try {
    return localStorage.getItem(kElderStorageKey) === '1';
  } catch {
    return false;
  }
}

export const state = reactive({
  user: null,
  checked: false,
  grids: [],
  gridCode: '',
  online: typeof navigator === 'undefined' ? true : navigator.onLine !== false,
  elder: readElder(),
  notice: null, // {text, kind: 'success' | 'info' | 'warning' | 'danger', to?}
  drafts: [], // the signed-in user's drafts (for counts and the drafts screen)
  codes: null,
  codesFromCache: false,
});

// Records read this session, so going back to a screen works without signal.
export const recordCache = new Map();

export function applyElder() {
  document.documentElement.classList.toggle(kElderClass, state.elder);
}

export function setElder(enabled) {
  state.elder = Boolean(enabled);
  applyElder();
  try {
    localStorage.setItem(kElderStorageKey, state.elder ? '1' : '0');
  } catch {
    /* ignore */
  }
}

let noticeTimer = null;
/** One line at the top of the screen (role=status), replaced by the next one; no pop-up. */
export function notify(text, kind = 'info', { to = null, ms = 8000 } = {}) {
  state.notice = { text, kind, to, at: Date.now() };
  clearTimeout(noticeTimer);
  if (ms) {
    noticeTimer = setTimeout(() => {
      state.notice = null;
    }, ms);
  }
}

export function clearNotice() {
  state.notice = null;
}

// ---------- session ----------
export function lastUsername() {
  return readJson(kLastUsernameKey, '');
}

export async function ensureUser() {
  if (state.checked) return state.user;
  try {
    const answer = await api.get('/api/v1/auth/me');
    setUser(answer.user ?? answer);
  } catch (error) {
    // Opened without signal: carry on as the last user; the server decides when back online.
    state.user = isOffline(error) ? readJson(kUserKey, null) : null;
  }
  state.checked = true;
  return state.user;
}

function setUser(user) {
  state.user = user;
  state.checked = true;
  writeJson(kUserKey, user);
  if (user?.username) writeJson(kLastUsernameKey, user.username);
}

export async function login(username, password) {
  const answer = await api.post('/api/v1/auth/login', { username, password });
  // A password an administrator set is changed first, on the console's page (it serves phones
  // too), which then comes back here.
  if (answer.pending === 'password_change') {
    window.location.assign(`/setup/password?redirect=${encodeURIComponent('/m/')}`);
    return answer.user;
  }
  setUser(answer.user);
  state.grids = [];
  startedFor = null;
  await afterLogin();
  return answer.user;
}

let startedFor = null;
let starting = null;
/** Once per sign-in: grids, code tables, drafts; then sends what waits. */
export function afterLogin() {
  const username = state.user?.username;
  if (!username) return Promise.resolve();
  if (startedFor === username) return starting;
  startedFor = username;
  starting = (async () => {
    await Promise.all([loadGrids().catch(() => {}), loadCodes().catch(() => {})]);
    await refreshDrafts();
    flushDrafts();
  })();
  return starting;
}

export async function logout() {
  try {
    await api.post('/api/v1/auth/logout');
  } catch {
    /* offline or already expired: forget locally anyway */
  }
  // The names of recently seen people leave the phone with the user; unsent drafts stay
  // (the home screen said so) and go after this user's next sign-in.
  writeJson(recentKey(), null);
  forgetUser();
}

export function forgetUser() {
  startedFor = null;
  state.user = null;
  state.checked = true;
  state.grids = [];
  state.drafts = [];
  writeJson(kUserKey, null);
  recordCache.clear();
}

export function can(permission) {
  const permissions = state.user?.permissions;
  // Without a list (offline start from an old cache) let the server decide.
  return !Array.isArray(permissions) || permissions.includes(permission);
}

// ---------- grids ----------
function gridsKey() {
  return `jiceng_m_grids:${state.user?.username ?? ''}`;
}

/** The grids the user works in: the grid nodes at the top of their scope, or under their village. */
export async function loadGrids() {
  let grids = [];
  try {
    const roots = (await api.get('/api/v1/orgs/roots')).items ?? [];
    grids = roots.filter((o) => o.level === 'grid');
    for (const village of roots.filter((o) => o.level === 'village')) {
      const children = await api.get(`/api/v1/orgs/${village.code}/children`, { limit: 500 });
      grids.push(...(children.items ?? []).filter((o) => o.level === 'grid'));
    }
    grids = grids.map((g) => ({ code: g.code, name: g.name }));
    writeJson(gridsKey(), grids);
  } catch (error) {
    if (!isOffline(error)) throw error;
    grids = readJson(gridsKey(), []);
  }
  state.grids = grids;
  const saved = readJson(kGridKey, '');
  state.gridCode = grids.some((g) => g.code === saved) ? saved : (grids[0]?.code ?? '');
  return grids;
}

export function selectGrid(code) {
  state.gridCode = code;
  writeJson(kGridKey, code);
}

export function currentGrid() {
  return state.grids.find((g) => g.code === state.gridCode) ?? null;
}

// ---------- code tables ----------
export async function loadCodes() {
  if (state.codes && !state.codesFromCache) return state.codes;
  const { codes, fromCache } = await loadCodeTables({
    fetchCodes: () => api.get('/api/v1/people/codes'),
    storage: localStorage,
  });
  state.codes = codes;
  state.codesFromCache = fromCache;
  return codes;
}

// ---------- recently seen people and households (for the visit picker) ----------
function recentKey() {
  return `jiceng_m_recent:${state.user?.username ?? ''}`;
}

export function recentTargets() {
  return readJson(recentKey(), []);
}

/** item = {type: 'resident' | 'household', id, name, sub} */
export function rememberTarget(item) {
  writeJson(recentKey(), pushRecent(recentTargets(), item, 10));
}

// ---------- outbox ----------
export const outbox = createOutbox({
  store: idbStore(),
  send: (draft) => (draft.kind === kCaseDraftKind ? sendCase(draft) : api[draft.method.toLowerCase()](draft.path, draft.body)),
});

// A case kept on the phone: the case, then its photos (lib/caseDraft.js).
function sendCase(draft) {
  return sendCaseDraft(draft, {
    post: api.post,
    upload: uploadPhoto,
    toBlob: dataUrlToBlob,
    update: outbox.update,
    remember: (id) => rememberReported(localStorage, draft.owner, id),
  });
}

export async function refreshDrafts() {
  state.drafts = state.user ? await outbox.list(state.user.username) : [];
  return state.drafts;
}

export function pendingCount() {
  return state.drafts.filter((d) => d.status === 'pending').length;
}

export function attentionCount() {
  return state.drafts.filter((d) => d.status !== 'pending').length;
}

/** Sends waiting drafts; tells the worker what went and what needs them. */
export async function flushDrafts() {
  if (!state.user || !state.online) return null;
  await refreshDrafts();
  if (!state.drafts.some((d) => d.status === 'pending')) return null;
  const outcome = await outbox.flush(state.user.username);
  await refreshDrafts();
  if (outcome.conflicts.length) {
    notify(t('drafts.conflictNotice', { n: outcome.conflicts.length }), 'warning', { to: '/drafts', ms: 0 });
  } else if (outcome.failed.length) {
    notify(t('drafts.failedNotice', { n: outcome.failed.length }), 'danger', { to: '/drafts', ms: 0 });
  } else if (outcome.sent.length) {
    notify(t('drafts.sentNotice', { n: outcome.sent.length }), 'success');
  }
  return outcome;
}

/**
 * Saves through the outbox: sent at once when online, else kept as a draft (and said so).
 * fields = {kind, method, path, body, base?, label?, target_id?}
 */
export async function save(fields, { draftId = null } = {}) {
  const outcome = await outbox.saveOrQueue(
    { ...fields, owner: state.user?.username ?? '' },
    { online: state.online, draftId },
  );
  await refreshDrafts();
  if (outcome.status === 'queued') notify(t('drafts.keptNotice'), 'warning', { ms: 10000 });
  return outcome;
}

let retryTimer = null;
/** Sends drafts when the phone comes back online, at start, and every minute while some wait. */
export function watchConnection() {
  window.addEventListener('online', () => {
    state.online = true;
    flushDrafts();
  });
  window.addEventListener('offline', () => {
    state.online = false;
  });
  clearInterval(retryTimer);
  retryTimer = setInterval(() => {
    if (state.online && pendingCount() > 0 && document.visibilityState !== 'hidden') flushDrafts();
  }, 60000);
}
