// 合并 into the likely duplicate found at intake (the case page's banner, the work pages' rows):
// the question first, then the merge action's fields.
import { confirmed } from '../../core/confirm.js';

/** Asks before merging into case `other` under `title`; answers whether the user agreed. */
export function confirmMerge(t, other, title) {
  return confirmed(t('cases.duplicate.mergeConfirm', { id: other }), { title, confirmText: title, type: 'warning' });
}

/** The fields of the merge action: the case this one duplicates, and the note that says so. */
export function mergeFields(t, other) {
  return { duplicate_of: other, note: t('cases.duplicate.mergeNote', { id: other }) };
}
