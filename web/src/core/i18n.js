// vue-i18n set-up. zh-CN is the source; zh-TW is generated from it at build time.
import { createI18n } from 'vue-i18n';
import zhCN from '../locales/zh-CN.json';
import zhTW from '../locales/zh-TW.json';
import en from '../locales/en.json';

export const kLocales = ['zh-CN', 'zh-TW', 'en'];
const kStorageKey = 'jiceng_locale';

function initialLocale() {
  try {
    const saved = localStorage.getItem(kStorageKey);
    if (kLocales.includes(saved)) return saved;
  } catch {
    /* storage unavailable: fall back to the default */
  }
  return 'zh-CN';
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, 'zh-TW': zhTW, en },
});

export function currentLocale() {
  return i18n.global.locale.value;
}

export function setLocale(locale) {
  if (!kLocales.includes(locale)) return;
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(kStorageKey, locale);
  } catch {
    /* ignore */
  }
}

/** The name of a language written in that language (简体, 繁體, English). */
export function localeEndonym(locale) {
  return i18n.global.getLocaleMessage(locale).lang[locale];
}

export function t(key, params) {
  return i18n.global.t(key, params ?? {});
}
