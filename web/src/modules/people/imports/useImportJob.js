// Follows one import job: polls GET /api/v1/imports/{id} about once a second until it is done.
import { onBeforeUnmount, ref } from 'vue';
import { fetchImport } from '../peopleApi.js';
import { isJobFinished } from './importJob.js';

export const kPollMs = 800;

export function useImportJob({ onFinished } = {}) {
  const job = ref(null);
  const error = ref(null);
  let timer = null;
  let stopped = false;

  function stop() {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  async function poll() {
    timer = null;
    if (stopped || !job.value) return;
    try {
      job.value = await fetchImport(job.value.id);
      error.value = null;
    } catch (e) {
      error.value = e;
    }
    if (isJobFinished(job.value)) onFinished?.(job.value);
    else if (!stopped) timer = setTimeout(poll, kPollMs);
  }

  /** Follows a job the server just answered (202). */
  function follow(started) {
    stop();
    job.value = started;
    if (isJobFinished(started)) onFinished?.(started);
    else timer = setTimeout(poll, kPollMs);
  }

  function clear() {
    stop();
    job.value = null;
    error.value = null;
  }

  onBeforeUnmount(() => {
    stopped = true;
    stop();
  });

  return { job, error, follow, clear };
}
