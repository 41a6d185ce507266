// A work list read through one or more list queries (the API takes one status per query), with
// "加载更多" paging by cursor per query, sorted on the page (caseWork.js sortCases), and rows that
// can be removed or replaced after an action. Also the counts of the user's area from the board.
import { computed, reactive, ref } from 'vue';
import { fetchCases } from '../casesApi.js';
import { fetchBoard } from '../board/boardApi.js';
import { absorbPage, boardCounts, mergeById, newSources, sortCases, sourcesHaveMore } from './caseWork.js';

// A filtered query (supervised cases) reads full pages and at most this many per "more", so a
// county's open cases are never walked whole from the browser.
const kScanPageSize = 200;
const kScanPages = 3;

/**
 * defs: () => [{query, filter?}]; order: () => 'due' | 'newest'.
 * → reactive {items (sorted), loading, loaded, hasMore, partial, reload, more, remove, put}
 */
// 100 rows a page: the lists are ordered on the page, so a page covers more of a queue (about
// 80 KB; 15–40 ms on the demo county).
export function useCaseWorkQueue(defs, { pageSize = 100, order = () => 'due' } = {}) {
  const raw = ref([]);
  const sources = ref([]);
  const loading = ref(false);
  const loaded = ref(false);
  let generation = 0;

  async function readSource(index, gen) {
    let source = sources.value[index];
    const filtered = Boolean(source.filter);
    let pages = 0;
    let found = 0;
    do {
      const page = await fetchCases(source.query, source.cursor, filtered ? kScanPageSize : pageSize);
      if (gen !== generation) return;
      const taken = absorbPage(raw.value, source, page);
      raw.value = taken.items;
      source = taken.source;
      sources.value = sources.value.map((s, i) => (i === index ? source : s));
      found += taken.added;
      pages += 1;
    } while (filtered && !source.done && found < pageSize && pages < kScanPages);
  }

  async function round(gen) {
    loading.value = true;
    try {
      const pending = sources.value.map((s, i) => (s.done ? -1 : i)).filter((i) => i >= 0);
      await Promise.all(pending.map((i) => readSource(i, gen)));
    } catch {
      /* the api layer has shown the error */
    } finally {
      if (gen === generation) {
        loading.value = false;
        loaded.value = true;
      }
    }
  }

  // reactive() unwraps the refs: templates read queue.items, queue.hasMore, ...
  return reactive({
    items: computed(() => sortCases(raw.value, order())),
    loading,
    loaded,
    hasMore: computed(() => sourcesHaveMore(sources.value)),
    /** True when the list is filtered here and not every page was read (a lower bound). */
    partial: computed(() => sources.value.some((s) => s.filter && !s.done)),
    reload() {
      generation += 1;
      raw.value = [];
      sources.value = newSources(defs());
      loaded.value = false;
      return round(generation);
    },
    more() {
      if (loading.value || !sourcesHaveMore(sources.value)) return Promise.resolve();
      return round(generation);
    },
    remove(id) {
      raw.value = raw.value.filter((c) => c.id !== id);
    },
    /** Adds or replaces a case (after an action moved it into this list or changed it). */
    put(c) {
      raw.value = mergeById(raw.value, [c]);
    },
  });
}

/** Open cases by status and overdue of the user's area (or `org`), from the board snapshot. */
export function useCaseWorkCounts() {
  const counts = ref(null);
  async function load(org) {
    try {
      counts.value = boardCounts(await fetchBoard(org || undefined, { silent: true }));
    } catch {
      counts.value = null; // the pages fall back to what they have loaded
    }
    return counts.value;
  }
  return { counts, load };
}
