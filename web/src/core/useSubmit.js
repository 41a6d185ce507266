// How a dialog or form saves: `saving` is true while the work runs (buttons show it), and a
// failure lands in `problem` (shown by ProblemAlert, or as the phone form's error text). The
// work itself says what success means: it shows the message, closes the dialog, emits.
// onError(error) answers the problem to show instead (another problem, a text), or null when
// there is none to show (it handled the error, e.g. a version conflict), or nothing at all
// when it set the problem itself. `problem` may be a ref of the form's own.
// No UI library here, so the console and the phone pages both use it.
import { ref } from 'vue';

export function useSubmit({ onError = (error) => error, problem = ref(null) } = {}) {
  const saving = ref(false);

  /** Runs work(); resolves to what it answered, or undefined when it failed. */
  async function run(work) {
    saving.value = true;
    problem.value = null;
    try {
      return await work();
    } catch (error) {
      const shown = onError(error);
      if (shown !== undefined) problem.value = shown;
      return undefined;
    } finally {
      saving.value = false;
    }
  }

  return { saving, problem, run };
}
