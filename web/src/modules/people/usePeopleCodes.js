// The code tables (GET /api/v1/people/codes), loaded once per language and shared by all pages.
import { ref, watch } from 'vue';
import { i18n, currentLocale } from '../../core/i18n.js';
import { fetchPeopleCodes } from './peopleApi.js';

const codes = ref(null);
let pending = null;
let loadedLocale = '';

function load() {
  const locale = currentLocale();
  if (codes.value && loadedLocale === locale) return Promise.resolve(codes.value);
  if (!pending) {
    pending = fetchPeopleCodes()
      .then((answer) => {
        codes.value = answer;
        loadedLocale = locale;
        return answer;
      })
      .finally(() => {
        pending = null;
      });
  }
  return pending;
}

watch(i18n.global.locale, () => {
  if (codes.value) load().catch(() => {});
});

/** { codes } reactive: null until loaded; then {genders, ethnicities, ..., tag_kinds}. */
export function usePeopleCodes() {
  load().catch(() => {});
  return { codes, reload: load };
}
