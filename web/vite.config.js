import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { precompressPlugin } from './scripts/precompress-plugin.mjs';

const backend = 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/',
  plugins: [vue(), precompressPlugin()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
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
