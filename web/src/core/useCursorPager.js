// Cursor paging for list endpoints ({items, next_cursor}): next/previous keep a stack of cursors.
import { computed, reactive, ref } from 'vue';

export function useCursorPager(fetchPage) {
  const items = ref([]);
  const loading = ref(false);
  const cursors = ref([undefined]); // cursor of each visited page; last one is the current page
  const nextCursor = ref(null);

  async function load() {
    loading.value = true;
    try {
      const page = await fetchPage(cursors.value[cursors.value.length - 1]);
      items.value = page.items ?? [];
      nextCursor.value = page.next_cursor ?? null;
    } catch {
      items.value = [];
      nextCursor.value = null;
    } finally {
      loading.value = false;
    }
  }

  // reactive() unwraps the refs, so templates read pager.items, pager.hasNext, ...
  return reactive({
    items,
    loading,
    pageNumber: computed(() => cursors.value.length),
    hasNext: computed(() => Boolean(nextCursor.value)),
    hasPrevious: computed(() => cursors.value.length > 1),
    /** Back to the first page (after a filter change) and load it. */
    reload() {
      cursors.value = [undefined];
      return load();
    },
    refresh: load,
    next() {
      if (!nextCursor.value) return undefined;
      cursors.value = [...cursors.value, nextCursor.value];
      return load();
    },
    previous() {
      if (cursors.value.length <= 1) return undefined;
      cursors.value = cursors.value.slice(0, -1);
      return load();
    },
  });
}
