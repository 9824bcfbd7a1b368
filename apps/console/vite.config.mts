import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

// The console calls every service under one origin (/api/<service>/…), so the browser needs no CORS; in
// production the same prefixes are routed by the ingress (docs/console.md).
const services = {
  hotline: process.env.CONSOLE_HOTLINE_URL ?? 'http://127.0.0.1:3000',
  people: process.env.CONSOLE_PEOPLE_URL ?? 'http://127.0.0.1:3001',
  employers: process.env.CONSOLE_EMPLOYERS_URL ?? 'http://127.0.0.1:3002',
  jobs: process.env.CONSOLE_JOBS_URL ?? 'http://127.0.0.1:3003',
};

const proxy: Record<string, ProxyOptions> = Object.fromEntries(
  Object.entries(services).map(([name, target]) => [
    `/api/${name}`,
    // xfwd: the services see the browser's address in X-Forwarded-For (login rate limit per caller).
    {
      target,
      changeOrigin: true,
      xfwd: true,
      rewrite: (path: string) => path.slice(`/api/${name}`.length) || '/',
      // /metrics is for the Prometheus scraper on the service's own port, not for browsers (docs/operations.md).
      bypass: (req) => (/\/metrics\/?(\?|$)/i.test(req.url ?? '') ? false : undefined),
    },
  ]),
);

const port = Number(process.env.CONSOLE_PORT ?? 3005);

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    alias: {
      '@platform/pii/validation': fileURLToPath(new URL('../../libs/pii/src/validation.ts', import.meta.url)),
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { host: '127.0.0.1', port, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port, strictPort: true, proxy },
});
