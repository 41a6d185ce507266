// The grid worker's phone app, served under /m/ (web/m/index.html). Vant only, no Element Plus.
import { createApp } from 'vue';
// Vant's style sheets first, ours after them so ours win at equal specificity.
import { useVant } from './vant.js';
import './styles/mobile.css';
import './styles/cases.css';
import App from './App.vue';
import { router } from './router.js';
import { onUnauthorized } from './api.js';
import { currentLocale } from './i18n.js';
import { applyElder, state, watchConnection } from './state.js';

document.documentElement.lang = currentLocale();
applyElder();
watchConnection();

onUnauthorized(() => {
  const here = router.currentRoute.value;
  state.user = null;
  if (here.name !== 'login') router.replace({ name: 'login', query: { redirect: here.fullPath } });
});

const app = createApp(App);
useVant(app);
app.use(router).mount('#app');

// Keeps the app's files on the phone so it opens without signal (see sw.js).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('/m/sw.js', { scope: '/m/' }).catch(() => {});
}
