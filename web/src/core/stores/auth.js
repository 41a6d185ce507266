// The signed-in user, what they may do, and the step the server still asks of the session
// before anything else (pending: "" | "password_change" | "totp_enrol").
import { defineStore } from 'pinia';
import { api } from '../api.js';

export const useAuthStore = defineStore('auth', {
  state: () => ({ user: null, pending: '', checked: false }),
  getters: {
    isLoggedIn: (state) => state.user !== null,
    permissions: (state) => new Set(state.user?.permissions ?? []),
  },
  actions: {
    /** True when the user holds the permission. */
    can(permission) {
      if (!permission) return true;
      return this.permissions.has(permission);
    },
    /** True when the user holds at least one of the permissions (or the list is empty). */
    canAny(permissions) {
      if (!permissions || permissions.length === 0) return true;
      return permissions.some((p) => this.permissions.has(p));
    },
    /** otp: the one-time code (or a recovery code), sent only once the server asked for it. */
    async login(username, password, otp) {
      const body = otp ? { username, password, otp } : { username, password };
      const answer = await api.post('/api/v1/auth/login', body, { silent: true });
      this.user = answer.user;
      this.pending = answer.pending ?? '';
      this.checked = true;
      return this.user;
    },
    /** Loads the current user once per page load; resolves to null when not signed in. */
    async ensureLoaded() {
      if (this.checked) return this.user;
      return this.reload();
    },
    /** Reads the user and the pending step again (after a step is taken); null when signed out. */
    async reload() {
      try {
        const answer = await api.get('/api/v1/auth/me', undefined, { silent: true });
        this.user = answer.user ?? answer;
        this.pending = answer.pending ?? '';
      } catch {
        this.user = null;
        this.pending = '';
      }
      this.checked = true;
      return this.user;
    },
    async logout() {
      try {
        await api.post('/api/v1/auth/logout', undefined, { silent: true });
      } finally {
        this.forget();
      }
    },
    forget() {
      this.user = null;
      this.pending = '';
      this.checked = true;
    },
    async changePassword(oldPassword, newPassword) {
      await api.post(
        '/api/v1/auth/password',
        { old_password: oldPassword, new_password: newPassword },
        { silent: true },
      );
    },
  },
});
