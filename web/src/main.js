import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import './core/styles/base.css';
import './core/styles/elder.css';
import App from './App.vue';
import { router } from './router/index.js';
import { i18n, currentLocale } from './core/i18n.js';
import { onUnauthorized } from './core/api.js';
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

app.mount('#app');
