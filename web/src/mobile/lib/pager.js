// Cursor paging for Vant's <van-list>: load() fetches the next page and appends it.
import { ref } from 'vue';
import { t } from '../i18n.js';
import { errorMessage } from '../api.js';

export function useCursorList(fetchPage) {
  const items = ref([]);
  const loading = ref(false);
  const finished = ref(false);
  const error = ref(false);
  const errorText = ref('');
  let cursor = null;
  let generation = 0;

  async function load() {
    const mine = generation;
    loading.value = true;
    try {
      const page = await fetchPage(cursor);
      if (mine !== generation) return;
      items.value.push(...(page.items ?? []));
      cursor = page.next_cursor ?? null;
      finished.value = !cursor;
      error.value = false;
    } catch (e) {
      if (mine !== generation) return;
      error.value = true;
      errorText.value = e.status === 0 ? t('list.offline') : `${errorMessage(e)}，${t('list.retry')}`;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  /** Starts again from the first page (new search words, other grid). */
  function reset() {
    generation += 1;
    items.value = [];
    cursor = null;
    finished.value = false;
    error.value = false;
    loading.value = false;
    return load();
  }

  return { items, loading, finished, error, errorText, load, reset };
}
