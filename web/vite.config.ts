import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The console: built into dist/web, which the server's console plugin serves at `/`. */
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react(), tailwindcss()],
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    // Source maps stay out of the shipped bundle; the console is small enough to read as built.
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npx vite --config web/vite.config.ts` with a Gatehouse on :8080 for hot-reload development.
    proxy: Object.fromEntries(
      ['/api', '/admin/api', '/v1', '/openai', '/claude', '/health'].map((prefix) => [
        prefix,
        { target: process.env.GATEHOUSE_URL ?? 'http://127.0.0.1:8080', changeOrigin: false },
      ]),
    ),
  },
});
