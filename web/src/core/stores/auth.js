// The signed-in user and what they may do.
import { defineStore } from 'pinia';
import { api } from '../api.js';

export const useAuthStore = defineStore('auth', {
  state: () => ({ user: null, checked: false }),
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
    async login(username, password) {
      const answer = await api.post('/api/v1/auth/login', { username, password }, { silent: true });
      this.user = answer.user;
      this.checked = true;
      return this.user;
    },
    /** Loads the current user once per page load; resolves to null when not signed in. */
    async ensureLoaded() {
      if (this.checked) return this.user;
      try {
        const answer = await api.get('/api/v1/auth/me', undefined, { silent: true });
        this.user = answer.user ?? answer;
      } catch {
        this.user = null;
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
