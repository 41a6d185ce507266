// Names of the grids and departments cases point at, fetched once per code and cached for the
// session (a page of cases names a handful of grids). Codes outside the user's scope keep no name.
import { reactive } from 'vue';
import { fetchOrg } from '../org/orgApi.js';

const names = reactive({}); // code -> name ('' when unknown)
const pending = new Map();

function ensure(code) {
  if (!code || code in names || pending.has(code)) return;
  const p = fetchOrg(code, { silent: true })
    .then((org) => {
      names[code] = org?.name ?? '';
    })
    .catch(() => {
      names[code] = '';
    })
    .finally(() => pending.delete(code));
  pending.set(code, p);
}

/** { names, ensure(codes), nameOf(code) }: nameOf gives the name, or the code until it is known. */
export function useOrgNames() {
  return {
    names,
    ensure: (codes) => {
      for (const code of codes ?? []) ensure(code);
    },
    nameOf: (code) => (code ? names[code] || code : ''),
    remember: (code, name) => {
      if (code && name) names[code] = name;
    },
  };
}
