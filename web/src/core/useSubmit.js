// How a dialog or form saves: `saving` is true while the work runs (buttons show it), and a
// failure lands in `problem` (shown by ProblemAlert). The work itself says what success means:
// it shows the message, closes the dialog, emits. onError may turn an error into another
// problem, or answer null when it handled the error itself (e.g. a version conflict).
// No UI library here, so the console and the phone pages can both use it.
import { ref } from 'vue';

export function useSubmit({ onError = (error) => error } = {}) {
  const saving = ref(false);
  const problem = ref(null);

  /** Runs work(); resolves to what it answered, or undefined when it failed. */
  async function run(work) {
    saving.value = true;
    problem.value = null;
    try {
      return await work();
    } catch (error) {
      problem.value = onError(error) ?? null;
      return undefined;
    } finally {
      saving.value = false;
    }
  }

  return { saving, problem, run };
}
