import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { precompressPlugin } from './scripts/precompress-plugin.mjs';

const backend = 'http://127.0.0.1:8080';

// Dev server only: deep links of the mobile app (/m/grid, /m/residents/12) get m/index.html,
// as the real server does in production.
function mobileSpaFallback() {
  return {
    name: 'jiceng-mobile-spa-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const path = (req.url || '').split('?')[0];
        if ((path === '/m' || path.startsWith('/m/')) && !path.slice(3).includes('.')) req.url = '/m/index.html';
        next();
      });
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [vue(), precompressPlugin(), mobileSpaFallback()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // Two apps: the desktop console (index.html, Element Plus) and the grid worker's phone app
    // (m/index.html → dist/m/index.html, Vant). They share only what both import (Vue itself).
    rolldownOptions: {
      input: {
        console: fileURLToPath(new URL('./index.html', import.meta.url)),
        mobile: fileURLToPath(new URL('./m/index.html', import.meta.url)),
        // The phone app's service worker needs a fixed address inside /m/.
        'mobile-sw': fileURLToPath(new URL('./src/mobile/sw.js', import.meta.url)),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'mobile-sw' ? 'm/sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/open311': backend,
    },
  },
  test: {
    environment: 'jsdom',
    include: ['tests/unit/**/*.test.js'],
  },
});
