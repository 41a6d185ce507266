// The bar of opened pages (RuoYi "tags view").
import { defineStore } from 'pinia';

const kHomePath = '/home';

export const useTagsViewStore = defineStore('tagsView', {
  state: () => ({ views: [] }),
  actions: {
    /** view: { path, fullPath, titleKey, titleParams } */
    open(view) {
      const existing = this.views.find((v) => v.path === view.path);
      if (existing) Object.assign(existing, view);
      else this.views.push({ ...view });
    },
    /** Closes one tab; returns the tab to show next when the closed one was active. */
    close(path) {
      const index = this.views.findIndex((v) => v.path === path);
      if (index < 0) return null;
      this.views.splice(index, 1);
      return this.views[index] ?? this.views[index - 1] ?? null;
    },
    closeOthers(path) {
      this.views = this.views.filter((v) => v.path === path || v.path === kHomePath);
    },
    closeAll() {
      this.views = this.views.filter((v) => v.path === kHomePath);
    },
    reset() {
      this.views = [];
    },
  },
});
