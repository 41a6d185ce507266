// JSON kept in the phone's storage (localStorage; a stand-in in tests). What cannot be read is
// the fallback; what cannot be written (storage full or unavailable) is dropped; null or
// undefined removes the key.
export function readStoredJson(storage, key, fallback = null) {
  try {
    const value = JSON.parse(storage.getItem(key) || 'null');
    return value ?? fallback;
  } catch {
    return fallback;
  }
}

export function writeStoredJson(storage, key, value) {
  try {
    if (value === null || value === undefined) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(value));
  } catch {
    /* storage full or unavailable */
  }
}
