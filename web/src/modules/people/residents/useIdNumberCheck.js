// The live check of the ID number field: copies birth date and gender into the form as soon as
// the number is complete and valid, and says what is wrong when it is not.
import { computed, ref, watch } from 'vue';
import { t } from '../../../core/i18n.js';
import { isMasked } from '../masking.js';
import { parseIdNumber } from './idNumber.js';
import { fillFromIdNumber, isCitizenIdType } from './residentForm.js';

export function useIdNumberCheck(form) {
  const touched = ref(false);
  const filled = ref(false);

  const parsed = computed(() => {
    if (!isCitizenIdType(form.id_type) || isMasked(form.id_number)) return { state: 'skip' };
    return parseIdNumber(form.id_number, { idType: form.id_type });
  });

  const error = computed(() => {
    const p = parsed.value;
    if (p.state === 'invalid') return t(`people.idErrors.${p.error.split('.').pop()}`);
    if (p.state === 'incomplete' && touched.value) {
      return t('people.idErrors.length', { n: form.id_type === 'resident_id_legacy' ? 15 : 18 });
    }
    return '';
  });

  watch(
    () => [form.id_type, form.id_number],
    () => {
      const fill = fillFromIdNumber(form.id_type, form.id_number);
      if (!fill) {
        filled.value = false;
        return;
      }
      form.birth_date = fill.birth_date;
      form.gender = fill.gender;
      filled.value = true;
    },
  );

  /** The sentence under the field when the number is valid. */
  const hint = computed(() => {
    const p = parsed.value;
    if (p.state !== 'valid') return '';
    const gender = t(`people.genders.${p.gender}`);
    const text = t('people.form.idRead', { date: p.birthDate, gender });
    return p.legacy ? `${text} ${t('people.form.legacyWarning')}` : text;
  });

  return {
    parsed,
    error,
    hint,
    filled,
    touch: () => {
      touched.value = true;
    },
    reset: () => {
      touched.value = false;
      filled.value = false;
    },
  };
}
