// useSubmit for a console dialog whose save ends the same way every time: the success message,
// the dialog closes, then onSaved(what the work answered), e.g. emit('saved').
// save(work) is run(work) with that ending; run stays for work that ends otherwise.
import { ElMessage } from 'element-plus';
import { useSubmit } from './useSubmit.js';

export function useDialogSave(visible, { message, onSaved = () => {}, ...options }) {
  const submit = useSubmit(options);

  function save(work) {
    return submit.run(async () => {
      const answer = await work();
      ElMessage.success(message());
      visible.value = false;
      onSaved(answer);
      return answer;
    });
  }

  return { ...submit, save };
}
