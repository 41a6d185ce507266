// Quick actions on a row of a work list: one click for actions without input (立案, 签收, 开始处置),
// the shared CaseActionDialog for those with a note or parameters, a confirmation for merging into
// the likely duplicate. Every call carries the row's version; when someone else changed the case
// meanwhile (409) the row is read again, and `changed(before, after)` tells the page where the
// case went (after = null: no longer readable).
import { reactive } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage } from 'element-plus';
import { showApiError } from '../../../core/api.js';
import { actOnCase, fetchCase } from '../casesApi.js';
import { failureOutcome } from './caseWork.js';
import { confirmMerge, mergeFields } from '../mergeDuplicate.js';

export function useCaseWorkActions({ changed }) {
  const { t } = useI18n();
  const state = reactive({ row: null, action: null, dialog: false, busy: '' });

  const label = (action) => t(action === 'merge' ? 'cases.duplicate.merge' : `cases.actions.${action}`);

  function succeeded(before, after) {
    ElMessage.success(t('cases.action.done', { action: label(state.action?.action ?? '') }));
    changed(before, after);
  }

  async function failed(row, error) {
    const outcome = failureOutcome(error);
    if (outcome === 'show') {
      showApiError(error);
      return;
    }
    let fresh = null;
    if (outcome === 'refresh') {
      try {
        fresh = await fetchCase(row.id);
      } catch {
        fresh = null;
      }
    }
    const moved = !fresh || fresh.status !== row.status;
    ElMessage({ type: 'warning', message: t(moved ? 'caseWork.common.gone' : 'caseWork.common.conflict'), showClose: true, duration: 6000 });
    changed(row, fresh);
  }

  async function call(row, action, body) {
    state.busy = `${row.id}:${action}`;
    try {
      const updated = await actOnCase(row.id, action, { version: row.version, ...body });
      succeeded(row, updated);
    } catch (error) {
      await failed(row, error);
    } finally {
      state.busy = '';
    }
  }

  /** Starts an action of rowActions() on a row. */
  async function start(row, def) {
    state.row = row;
    state.action = { action: def.action, note_required: def.note_required, label: label(def.action) };
    if (def.mode === 'dialog') {
      state.dialog = true;
      return;
    }
    if (def.mode === 'merge') {
      const other = row.likely_duplicate_of;
      if (await confirmMerge(t, other, label('merge'))) await call(row, 'merge', mergeFields(t, other));
      return;
    }
    await call(row, def.action, {});
  }

  return {
    state,
    start,
    busy: (row, action) => state.busy === `${row.id}:${action}`,
    /** CaseActionDialog @done */
    dialogDone: (updated) => succeeded(state.row, updated),
    /** CaseActionDialog @conflict */
    dialogConflict: (error) => failed(state.row, error),
  };
}
