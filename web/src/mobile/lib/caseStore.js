// Case data the phone screens share: the category catalogue (kept for use without signal)
// and the worker's "my cases" lists with their counts (kept so the home screen shows the last
// known numbers without signal).
import { reactive } from 'vue';
import { api, errorMessage, isOffline } from '../api.js';
import { state } from '../state.js';
import { categoryName, loadCategories, pushRecentCategory, readRecent } from './caseCategories.js';
import { classifyCases, findReworked, rememberedReported, rememberReported } from './myCases.js';

export const cases = reactive({
  categories: [],
  categoriesFromCache: false,
  mine: null, // {verify: [], rework: [], mine: [], at, stale}
  mineError: '',
});

let categoriesLoading = null;
export function ensureCategories() {
  if (cases.categories.length && !cases.categoriesFromCache) return Promise.resolve(cases.categories);
  categoriesLoading ??= loadCategories({
    fetchCategories: () => api.get('/api/v1/case-categories', { active: 1 }),
    storage: localStorage,
  })
    .then(({ items, fromCache }) => {
      cases.categories = items;
      cases.categoriesFromCache = fromCache;
      return items;
    })
    .finally(() => {
      categoriesLoading = null;
    });
  return categoriesLoading;
}

export function nameOfCategory(code) {
  return categoryName(cases.categories, code);
}

export function recentCategoryCodes() {
  return readRecent(localStorage, state.user?.username);
}

export function useCategory(code) {
  pushRecentCategory(localStorage, state.user?.username, code);
}

export function rememberMyReport(id) {
  rememberReported(localStorage, state.user?.username, id);
}

function summaryKey() {
  return `jiceng_m_cases_summary:${state.user?.username ?? ''}`;
}

/** Loads the open cases of the worker's grids and splits them; falls back to the last lists. */
export async function loadMyCases() {
  const user = state.user;
  if (!user) return null;
  cases.mineError = '';
  try {
    const page = await api.get('/api/v1/cases', { status: 'open', limit: 200 });
    const open = page.items ?? [];
    const reworked = await findReworked(open, {
      storage: localStorage,
      username: user.username,
      getDetail: (id) => api.get(`/api/v1/cases/${id}`),
    });
    const lists = classifyCases(open, user, { remembered: rememberedReported(localStorage, user.username), reworked });
    cases.mine = { ...lists, more: Boolean(page.next_cursor), at: new Date().toISOString(), stale: false };
    try {
      localStorage.setItem(summaryKey(), JSON.stringify(cases.mine));
    } catch {
      /* ignore */
    }
  } catch (error) {
    let saved = null;
    try {
      saved = JSON.parse(localStorage.getItem(summaryKey()) || 'null');
    } catch {
      saved = null;
    }
    if (saved) cases.mine = { ...saved, stale: true };
    cases.mineError = isOffline(error) ? '' : errorMessage(error);
  }
  return cases.mine;
}
