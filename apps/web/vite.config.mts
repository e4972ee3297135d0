// The web UI's build (`vite build` -> dist/web, served by the API) and dev server
// (`npm run web:dev`: proxies /api to the API on PORT). No React plugin: Vite's own Oxc
// transform compiles TSX with the automatic JSX runtime; there is no fast refresh.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));
// The API's PORT comes from the repository's .env, as for every other command.
try {
  process.loadEnvFile(path.resolve(root, '../../.env'));
} catch {
  // no .env: the environment alone
}

export default defineConfig({
  root,
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: {
    // The UI shares the domain rules (e.g. which status moves a role may make) with the API,
    // and the activity catalog (its labels), a file of its own with no imports.
    alias: {
      '@app/domain': path.resolve(root, '../../libs/domain/src'),
      '@app/activity/activity-catalog': path.resolve(root, '../../libs/activity/src/activity-catalog.ts'),
    },
  },
  build: {
    outDir: path.resolve(root, '../../dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // Mantine marks its modules "use client" for React Server Components; meaningless in a SPA bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 3000}` },
  },
});
