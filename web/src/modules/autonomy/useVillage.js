// The village (or community) an autonomy page is about: ?org= in the address, else the user's own
// org when it is a village. A township or county user picks one (VillagePicker); lists take the
// user's own code as a prefix meanwhile (a township lists its villages').
import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useAuthStore } from '../../core/stores/auth.js';
import { isVillageCode } from './format.js';

export function useVillage() {
  const route = useRoute();
  const router = useRouter();
  const auth = useAuthStore();
  const own = computed(() => auth.user?.org_code ?? '');
  const ownIsVillage = computed(() => isVillageCode(own.value));
  const code = computed({
    get: () => (typeof route.query.org === 'string' && route.query.org) || (ownIsVillage.value ? own.value : ''),
    set: (value) => router.replace({ query: { ...route.query, org: value || undefined } }),
  });
  const village = computed(() => (isVillageCode(code.value) ? code.value : ''));
  /** The org_code a list asks for: the chosen village, else the user's own area. */
  const scope = computed(() => code.value || own.value);
  return { code, village, scope, ownIsVillage, own };
}
