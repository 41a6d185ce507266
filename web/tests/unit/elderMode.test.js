import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { kElderClass, kElderStorageKey, useElderModeStore } from '../../src/core/stores/elderMode.js';

describe('elder mode store', () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.className = '';
    setActivePinia(createPinia());
  });

  it('is off by default and toggles the class on <html>', () => {
    const elder = useElderModeStore();
    elder.apply();
    expect(elder.enabled).toBe(false);
    expect(document.documentElement.classList.contains(kElderClass)).toBe(false);
    elder.toggle();
    expect(document.documentElement.classList.contains(kElderClass)).toBe(true);
    elder.toggle();
    expect(document.documentElement.classList.contains(kElderClass)).toBe(false);
  });

  it('remembers the choice in localStorage', () => {
    useElderModeStore().set(true);
    expect(localStorage.getItem(kElderStorageKey)).toBe('1');
    setActivePinia(createPinia());
    document.documentElement.className = '';
    const again = useElderModeStore();
    again.apply();
    expect(again.enabled).toBe(true);
    expect(document.documentElement.classList.contains(kElderClass)).toBe(true);
  });
});
