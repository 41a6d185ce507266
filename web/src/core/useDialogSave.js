// useSubmit for a console dialog whose save ends the same way every time: the success message
// (已保存 unless told otherwise), the dialog closes, then onSaved(what the work answered), e.g.
// emit('saved'). save(work) is run(work) with that ending; run stays for work that ends otherwise.
import { ElMessage } from 'element-plus';
import { i18n } from './i18n.js';
import { useSubmit } from './useSubmit.js';

const savedMessage = () => i18n.global.t('common.saved');

export function useDialogSave(visible, { message = savedMessage, onSaved = () => {}, ...options } = {}) {
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
