// The security administrator's one-click acts on an account, each behind a confirmation:
// unlock, revoke an administrator role, reset the second factor. after() runs on success
// (the list reloads its page).
import { ElMessage, ElMessageBox } from 'element-plus';
import { useI18n } from 'vue-i18n';
import { showApiError } from '../../core/api.js';
import { roleName } from '../../core/roleName.js';
import { isAdminRole, resetUserTotp, setAdminRole, unlockUser } from './systemApi.js';

export function useSecurityActions(after) {
  const { t } = useI18n();

  async function confirmed(message, danger = false) {
    try {
      await ElMessageBox.confirm(message, t('common.confirmTitle'), {
        confirmButtonText: t('common.confirm'),
        cancelButtonText: t('common.cancel'),
        type: danger ? 'warning' : undefined,
      });
      return true;
    } catch {
      return false;
    }
  }

  async function act(message, work, done, danger) {
    if (!(await confirmed(message, danger))) return;
    try {
      await work();
    } catch {
      return; // the error message is already shown
    }
    ElMessage.success(done);
    after();
  }

  return {
    unlock: (user) =>
      act(t('users.unlockConfirm', { name: user.display_name }), () => unlockUser(user.id), t('users.unlocked')),
    revokeAdmin: (user) => {
      const role = roleName(user.roles.find(isAdminRole) ?? '');
      // setAdminRole is silent (the grant dialog shows its errors); here no dialog stays open.
      return act(
        t('users.revokeAdminConfirm', { name: user.display_name, role }),
        () =>
          setAdminRole(user.id, null).catch((error) => {
            showApiError(error);
            throw error;
          }),
        t('users.adminRevoked'),
        true,
      );
    },
    resetTotp: (user) =>
      act(
        t('users.resetTotpConfirm', { name: user.display_name }),
        () => resetUserTotp(user.id),
        t('users.totpReset'),
        true,
      ),
  };
}

