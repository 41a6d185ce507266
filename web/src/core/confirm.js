// Asks before a step that is not taken back lightly (a removal, a merge, logging out): a message
// box with 确认 / 取消 under 请确认 unless told otherwise; other ElMessageBox options (type,
// confirmButtonClass) pass through. Answers whether the user agreed.
import { ElMessageBox } from 'element-plus';
import { i18n } from './i18n.js';

export async function confirmed(message, { title, confirmText, ...options } = {}) {
  const { t } = i18n.global;
  try {
    await ElMessageBox.confirm(message, title ?? t('common.confirmTitle'), {
      confirmButtonText: confirmText ?? t('common.confirm'),
      cancelButtonText: t('common.cancel'),
      ...options,
    });
    return true;
  } catch {
    return false;
  }
}
