// The case categories (GET /api/v1/case-categories), loaded once and shared by the case pages.
import { computed, ref } from 'vue';
import { fetchCategories } from '../casesApi.js';
import { categoryIndex, groupCategories } from '../format.js';

const categories = ref([]);
const loaded = ref(false);
let pending = null;

function load({ force = false } = {}) {
  if (loaded.value && !force) return Promise.resolve(categories.value);
  if (!pending) {
    pending = fetchCategories()
      .then((answer) => {
        categories.value = answer.items ?? [];
        loaded.value = true;
        return categories.value;
      })
      .finally(() => {
        pending = null;
      });
  }
  return pending;
}

const byCode = computed(() => categoryIndex(categories.value));
const groups = computed(() => groupCategories(categories.value));
const activeGroups = computed(() => groupCategories(categories.value.filter((c) => c.active)));

/** { categories, byCode, groups, activeGroups, loaded, reload } — reactive, filled once loaded. */
export function useCaseCategories() {
  load().catch(() => {});
  return { categories, byCode, groups, activeGroups, loaded, reload: () => load({ force: true }) };
}
