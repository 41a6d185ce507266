// Routes of the phone app under /m/ (the server answers /m/... with m/index.html).
import { createRouter, createWebHistory } from 'vue-router';
import { afterLogin, ensureUser, state } from './state.js';
// Every screen is in the main bundle on purpose: a screen loaded on demand would not open in a
// basement without signal.
import CaseView from './views/CaseView.vue';
import CasesView from './views/CasesView.vue';
import ConflictView from './views/ConflictView.vue';
import DraftsView from './views/DraftsView.vue';
import GridView from './views/GridView.vue';
import HomeView from './views/HomeView.vue';
import HouseView from './views/HouseView.vue';
import LoginView from './views/LoginView.vue';
import PatrolView from './views/PatrolView.vue';
import PublicReportView from './views/PublicReportView.vue';
import PublicTrackView from './views/PublicTrackView.vue';
import PublicVillageView from './views/PublicVillageView.vue';
import ReportView from './views/ReportView.vue';
import ResidentForm from './views/ResidentForm.vue';
import ResidentView from './views/ResidentView.vue';
import ResidentsView from './views/ResidentsView.vue';
import VisitView from './views/VisitView.vue';

const routes = [
  { path: '/login', name: 'login', component: LoginView, meta: { public: true } },
  { path: '/', name: 'home', component: HomeView },
  { path: '/grid', name: 'grid', component: GridView },
  { path: '/houses/:id', name: 'house', component: HouseView, props: true },
  { path: '/residents', name: 'residents', component: ResidentsView },
  { path: '/residents/new', name: 'resident-new', component: ResidentForm },
  { path: '/residents/:id', name: 'resident', component: ResidentView, props: true },
  { path: '/residents/:id/edit', name: 'resident-edit', component: ResidentForm, props: true },
  { path: '/visit', name: 'visit', component: VisitView },
  { path: '/patrol', name: 'patrol', component: PatrolView },
  { path: '/drafts', name: 'drafts', component: DraftsView },
  { path: '/drafts/:id/conflict', name: 'conflict', component: ConflictView, props: true },
  { path: '/report', name: 'report', component: ReportView },
  { path: '/cases', name: 'cases', component: CasesView },
  { path: '/cases/:id', name: 'case', component: CaseView, props: true },
  // Residents, without an account (the QR code on a notice board carries ?grid=).
  { path: '/public/report', name: 'public-report', component: PublicReportView, meta: { public: true, resident: true } },
  { path: '/public/track/:code?', name: 'public-track', component: PublicTrackView, props: true, meta: { public: true, resident: true } },
  // The village's public board; the QR code on every printed disclosure leads here.
  { path: '/public/village/:code', name: 'public-village', component: PublicVillageView, props: true, meta: { public: true, resident: true } },
  { path: '/:rest(.*)*', redirect: '/' },
];

export const router = createRouter({
  history: createWebHistory('/m/'),
  routes,
  scrollBehavior: (to, from, saved) => saved ?? { top: 0 },
});

router.beforeEach(async (to) => {
  // Residents' pages never ask who is signed in (a 401 there would send them to the login).
  if (to.meta.resident) return true;
  const user = await ensureUser();
  if (user) afterLogin();
  if (to.meta.public) return user && to.name === 'login' ? { name: 'home' } : true;
  if (!state.user) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  return true;
});
