import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server serves dist/ at / with an SPA fallback to index.html, so every asset URL is
// absolute from the root. In development, /api goes to a server started with `concord serve`.
export default defineConfig({
  base: '/',
  plugins: [react()],
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
