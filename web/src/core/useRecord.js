// One record a detail page shows: `state` is loading | ready | not-found | failed; a 404 is
// the page's own "not found" screen, any other failure the usual API error message.
// load() keeps what is shown while it reloads; the caller sets `state` to 'loading' first when
// it wants the spinner. No UI library import beyond the API error helper.
import { ref } from 'vue';
import { showApiError } from './api.js';

export function useRecord(fetch) {
  const record = ref(null);
  const state = ref('loading');

  async function load() {
    try {
      record.value = await fetch();
      state.value = 'ready';
    } catch (error) {
      state.value = error.status === 404 ? 'not-found' : 'failed';
      if (error.status !== 404) showApiError(error);
    }
  }

  return { record, state, load };
}
