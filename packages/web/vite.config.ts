import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const core = (path: string) => fileURLToPath(new URL(`../core/src/${path}`, import.meta.url));

// The server serves dist/ at / with an SPA fallback to index.html, so every asset URL is
// absolute from the root. In development, /api goes to a server started with `concord serve`.
// @concord/core (the project config schema, value validation, templates) is bundled from its
// sources, as the tests and the type-check read it, so a stale or half-rebuilt core dist/ never
// ends up in the app.
export default defineConfig({
  base: '/',
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@concord\/core$/, replacement: core('index.ts') },
      { find: /^@concord\/core\/(.*)$/, replacement: core('$1/index.ts') },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:8080', changeOrigin: false },
    },
  },
});
