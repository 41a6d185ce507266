import { t, i18n } from './i18n.js';

/** Localised name of a role template code; unknown codes are shown as they are. */
export function roleName(code) {
  const key = `roles.${code}`;
  return i18n.global.te(key) ? t(key) : code;
}
