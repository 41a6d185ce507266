// The resident drawer a page opens over itself: which resident (`openId`), whether it shows
// (`drawerOpen`), and show(id) to open it on one. `initialId`: a resident to show at once.
import { ref } from 'vue';

export function useResidentDrawer(initialId = null) {
  const openId = ref(initialId);
  const drawerOpen = ref(Boolean(initialId));

  function show(id) {
    openId.value = id;
    drawerOpen.value = true;
  }

  return { openId, drawerOpen, show };
}
