import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import './core/styles/base.css';
import './core/styles/elder.css';
import App from './App.vue';
import { router } from './router/index.js';
import { i18n, currentLocale } from './core/i18n.js';
import { onPending, onUnauthorized } from './core/api.js';
import { pendingRedirect } from './modules/auth/pendingSteps.js';
import { useAuthStore } from './core/stores/auth.js';
import { useElderModeStore } from './core/stores/elderMode.js';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia).use(i18n).use(router).use(ElementPlus);

document.documentElement.lang = currentLocale();
useElderModeStore(pinia).apply();

onUnauthorized(() => {
  useAuthStore(pinia).forget();
  const here = router.currentRoute.value;
  if (here.name !== 'login') {
    router.replace({ name: 'login', query: { redirect: here.fullPath } });
  }
});

// A call refused because the session has a step to take first (it was set meanwhile, e.g. by
// the security administrator): take the user to that step, then back to where they were.
onPending((step) => {
  useAuthStore(pinia).pending = step;
  const target = pendingRedirect(router.currentRoute.value, step);
  if (target) router.replace(target);
});

app.mount('#app');
