// A few lines instead of vue-i18n: the phone app has one small message file (zh-CN, en) and
// must load fast on a weak signal. The language is the one chosen in the console
// (localStorage jiceng_locale); Traditional Chinese falls back to Simplified here.
import { ref } from 'vue';
import { kMessages } from './messages.js';

const kStorageKey = 'jiceng_locale';

function initialLocale() {
  try {
    return localStorage.getItem(kStorageKey) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export const locale = ref(initialLocale());

export function currentLocale() {
  return locale.value;
}

export function setLocale(value) {
  locale.value = value === 'en' ? 'en' : 'zh-CN';
  document.documentElement.lang = locale.value;
  try {
    localStorage.setItem(kStorageKey, locale.value);
  } catch {
    /* ignore */
  }
}

function lookup(messages, key) {
  let node = messages;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** t('visit.saved'), t('home.greeting', {name}) — {name} placeholders are filled from params. */
export function t(key, params) {
  const text = lookup(kMessages[locale.value], key) ?? lookup(kMessages['zh-CN'], key) ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}
