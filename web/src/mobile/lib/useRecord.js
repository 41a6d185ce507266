// Loads one record for a screen; keeps it for going back to the screen without signal.
import { ref } from 'vue';
import { api, errorMessage, isOffline } from '../api.js';
import { t } from '../i18n.js';
import { recordCache } from '../state.js';

export function useRecord(key, path) {
  const record = ref(null);
  const error = ref('');
  const stale = ref(false);
  const loading = ref(false);

  async function load(query) {
    loading.value = true;
    error.value = '';
    try {
      record.value = await api.get(path(), query);
      recordCache.set(key(), record.value);
      stale.value = false;
    } catch (e) {
      const cached = recordCache.get(key());
      if (isOffline(e) && cached && !cached.partial) {
        record.value = cached;
        stale.value = true;
      } else {
        error.value = isOffline(e) ? t('common.offlineNoData') : errorMessage(e);
      }
    } finally {
      loading.value = false;
    }
    return record.value;
  }

  return { record, error, stale, loading, load };
}
