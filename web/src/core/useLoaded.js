// What a panel shows, read from the server as a whole: `data` (empty() until read, and again when
// a read fails: the api layer has said why), `loading` while a read runs, load() to read (again).
// Lists by default; pass `empty` for another shape.
import { ref } from 'vue';

export function useLoaded(fetch, { empty = () => [] } = {}) {
  const data = ref(empty());
  const loading = ref(false);

  async function load() {
    loading.value = true;
    try {
      data.value = await fetch();
    } catch {
      data.value = empty();
    } finally {
      loading.value = false;
    }
  }

  return { data, loading, load };
}
