import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The web client: index.html at the repo root loads /src/web/main.tsx; the API runs on :3000. */
export default defineConfig({
  root: '.',
  plugins: [react()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
