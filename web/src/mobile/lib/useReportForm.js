// What the two report forms of the phone share (the grid worker's 上报 and the residents' 反映问题):
// photos, category, description, address, the send state, the messages next to their fields,
// and the photo previews given back when the page goes. Each form says when its location is
// missing (locationProblem: the message, or '') and which server fields are the location.
import { nextTick, onBeforeUnmount, reactive, ref } from 'vue';
import { t } from '../i18n.js';

export function useReportForm({ locationProblem, locationFields }) {
  const photos = ref([]);
  const category = ref('');
  const description = ref('');
  const address = ref('');
  const busy = ref(false);
  const error = ref('');
  const errors = reactive({ category: '', description: '', location: '' });
  const categoriesError = ref('');

  function revokePhotos() {
    for (const p of photos.value) URL.revokeObjectURL(p.url);
  }
  onBeforeUnmount(revokePhotos);

  function validate() {
    errors.category = category.value ? '' : t('report.categoryRequired');
    errors.description = description.value.trim() ? '' : t('report.descriptionRequired');
    errors.location = locationProblem();
    return !errors.category && !errors.description && !errors.location;
  }

  /** Puts the server's refusal next to its field; false when it belongs to none of them. */
  function placeFieldError(e) {
    if (e.field === 'category_code') errors.category = e.title;
    else if (e.field === 'description') errors.description = e.title;
    else if (locationFields.includes(e.field)) errors.location = e.title;
    else return false;
    return true;
  }

  /** The first message in red, brought into view (the send button is at the bottom). */
  async function showFirstError() {
    await nextTick();
    document.querySelector('.m-error, .van-field__error-message')?.scrollIntoView({ block: 'center' });
  }

  return { photos, category, description, address, busy, error, errors, categoriesError, revokePhotos, validate, placeFieldError, showFirstError };
}
