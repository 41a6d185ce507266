// The phone's position for a reported problem (asked only on the report screens, once per
// report; never watched, never stored apart from the case it locates).

/** Resolves to {lng, lat, accuracy}; rejects with an Error whose `reason` is
 *  'unsupported' | 'denied' | 'unavailable' | 'timeout'. */
export function currentPosition({ timeout = 12000, maximumAge = 60000, geolocation = globalThis.navigator?.geolocation } = {}) {
  return new Promise((resolve, reject) => {
    if (!geolocation) {
      reject(Object.assign(new Error('unsupported'), { reason: 'unsupported' }));
      return;
    }
    geolocation.getCurrentPosition(
      (p) => resolve({ lng: round(p.coords.longitude), lat: round(p.coords.latitude), accuracy: Math.round(p.coords.accuracy ?? 0) }),
      (e) => {
        const reason = e?.code === 1 ? 'denied' : e?.code === 3 ? 'timeout' : 'unavailable';
        reject(Object.assign(new Error(reason), { reason }));
      },
      { enableHighAccuracy: true, timeout, maximumAge },
    );
  });
}

/** Seven decimals (about 1 cm): more is noise. */
function round(value) {
  return Math.round(value * 1e7) / 1e7;
}
