// The live board: one EventSource per page. It is same-origin, so the browser sends the
// HttpOnly session cookie with it as with fetch, and a GET needs no CSRF token. The server sends
// `board` at once and after every change in the area, `unchanged` after a quiet minute. On any
// error the source is closed and reopened with a growing delay; a plain request first finds out
// why (a 401 goes to the login page through api.js; 403 and 404 stop trying) and keeps the
// numbers current meanwhile.
import { getCurrentInstance, onBeforeUnmount, ref, shallowRef, watch } from 'vue';
import { boardStreamUrl, fetchBoard } from './boardApi.js';
import { reconnectDelay } from './boardFormat.js';

const kPollMs = 30000; // without EventSource (very old browsers): a plain request this often

/**
 * useBoardFeed(orgRef) -> { board, state, checkedAt, error, reconnect, stop }
 * state: 'connecting' | 'live' | 'reconnecting' | 'stopped'.
 */
export function useBoardFeed(orgRef, { EventSourceImpl = globalThis.EventSource, fetchSnapshot = fetchBoard } = {}) {
  const board = shallowRef(null);
  const state = ref('connecting');
  const checkedAt = ref(''); // when the server last confirmed the figures (ISO, UTC)
  const error = shallowRef(null);
  let source = null;
  let timer = null;
  let attempt = 0;
  let generation = 0; // bumped on every (re)open: late events of an old source are ignored

  function close() {
    if (source) {
      source.onerror = null;
      source.close();
      source = null;
    }
    clearTimeout(timer);
    timer = null;
  }

  function accept(data) {
    board.value = data;
    checkedAt.value = data?.generated_at ?? '';
    error.value = null;
  }

  async function recover(my) {
    try {
      const data = await fetchSnapshot(orgRef.value, { silent: true });
      if (my !== generation) return;
      accept(data);
    } catch (e) {
      if (my !== generation) return;
      error.value = e;
      if ([401, 403, 404].includes(e?.status)) {
        state.value = 'stopped';
        return;
      }
    }
    const delay = EventSourceImpl ? reconnectDelay(attempt++) : kPollMs;
    timer = setTimeout(() => my === generation && open(), delay);
  }

  function open() {
    close();
    const my = ++generation;
    if (!EventSourceImpl) {
      recover(my);
      return;
    }
    source = new EventSourceImpl(boardStreamUrl(orgRef.value));
    source.addEventListener('board', (event) => {
      if (my !== generation) return;
      accept(JSON.parse(event.data));
      state.value = 'live';
      attempt = 0;
    });
    source.addEventListener('unchanged', (event) => {
      if (my !== generation) return;
      checkedAt.value = JSON.parse(event.data).generated_at ?? checkedAt.value;
      state.value = 'live';
      attempt = 0;
    });
    source.onerror = () => {
      if (my !== generation) return;
      close();
      state.value = 'reconnecting';
      recover(my);
    };
  }

  function reconnect() {
    attempt = 0;
    state.value = 'connecting';
    open();
  }

  function stop() {
    generation++;
    close();
    state.value = 'stopped';
  }

  watch(
    orgRef,
    () => {
      board.value = null; // another area: never show the last one's numbers under its name
      reconnect();
    },
    { immediate: true },
  );
  if (getCurrentInstance()) onBeforeUnmount(stop);
  return { board, state, checkedAt, error, reconnect, stop };
}
