// The department the signed-in user works in, when their org node is a department (a department
// handler's org_code is the department node, e.g. 330681901 城管). Looked up once per session.
import { reactive } from 'vue';
import { useAuthStore } from '../../../core/stores/auth.js';
import { fetchOrg } from '../../org/orgApi.js';

const state = reactive({ of: null, code: '', name: '', checked: false });
let pending = null;

/** {state: {code, name, checked}, load()}: code is '' when the user's org is not a department. */
export function useMyDepartment() {
  const auth = useAuthStore();
  async function load() {
    const org = auth.user?.org_code ?? '';
    if (state.checked && state.of === org) return state;
    if (!pending) {
      pending = (org ? fetchOrg(org, { silent: true }) : Promise.resolve(null))
        .then((node) => {
          const department = node?.level === 'department';
          Object.assign(state, { of: org, code: department ? org : '', name: department ? node.name : '', checked: true });
        })
        .catch(() => Object.assign(state, { of: org, code: '', name: '', checked: true }))
        .finally(() => {
          pending = null;
        });
    }
    await pending;
    return state;
  }
  return { state, load };
}
