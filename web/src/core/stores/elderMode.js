// Elder mode (长辈版): larger text and controls, higher contrast. Remembered per browser.
import { defineStore } from 'pinia';

export const kElderStorageKey = 'jiceng_elder_mode';
export const kElderClass = 'elder-mode';

function readSaved() {
  try {
    return localStorage.getItem(kElderStorageKey) === '1';
  } catch {
    return false;
  }
}

function applyToDocument(enabled) {
  document.documentElement.classList.toggle(kElderClass, enabled);
}

export const useElderModeStore = defineStore('elderMode', {
  state: () => ({ enabled: readSaved() }),
  actions: {
    /** Puts the saved choice on <html>; call once at start-up. */
    apply() {
      applyToDocument(this.enabled);
    },
    set(enabled) {
      this.enabled = Boolean(enabled);
      applyToDocument(this.enabled);
      try {
        localStorage.setItem(kElderStorageKey, this.enabled ? '1' : '0');
      } catch {
        /* ignore */
      }
    },
    toggle() {
      this.set(!this.enabled);
    },
  },
});
