// The web UI's build (`vite build` -> dist/web, served by the API) and dev server
// (`npm run web:dev`: proxies /api to the API on PORT). No React plugin: Vite's own Oxc
// transform compiles TSX with the automatic JSX runtime; there is no fast refresh.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, normalizePath, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { chunkGroups } from './chunk-groups.mts';

const root = path.dirname(fileURLToPath(import.meta.url));
// The API's PORT comes from the repository's .env, as for every other command.
try {
  process.loadEnvFile(path.resolve(root, '../../.env'));
} catch {
  // no .env: the environment alone
}

/** Mantine's generated class names (m_ and 8 hex digits), as its components' script and CSS spell them. */
const mantineClasses = (text: string) => new Set(text.match(/\bm_[0-9a-f]{8}\b/g));

/**
 * The UI takes Mantine's styles component by component (src/mantine.css). This fails a build
 * whose script uses a class of Mantine's core styles that its CSS lacks: a component taken into
 * use without its stylesheet (it would draw unstyled).
 */
function mantineStylesComplete(): Plugin {
  return {
    name: 'auditdesk:mantine-styles-complete',
    apply: 'build',
    generateBundle(_options, bundle) {
      const core = mantineClasses(
        readFileSync(createRequire(import.meta.url).resolve('@mantine/core/styles.css'), 'utf8'),
      );
      const used = new Set<string>();
      const styled = new Set<string>();
      for (const output of Object.values(bundle)) {
        if (output.type === 'chunk') for (const c of mantineClasses(output.code)) used.add(c);
        else if (output.fileName.endsWith('.css')) for (const c of mantineClasses(String(output.source))) styled.add(c);
      }
      const missing = [...used].filter((c) => core.has(c) && !styled.has(c));
      if (missing.length > 0)
        this.error(
          `Mantine classes used with no style in the build: ${missing.join(', ')}. Find them in ` +
            `node_modules/@mantine/core/styles/*.css and import those files in apps/web/src/mantine.css.`,
        );
    },
  };
}

/**
 * Mantine's useId, where Mantine's hooks import it, is the UI's in a build (src/lib/mantine-use-id.ts
 * says why; the dev server and the component tests keep Mantine's). A build that did not replace
 * it fails: a Mantine release that moved the file would otherwise bring the second draw back unseen.
 */
function mantineUseIdWithoutRedraw(): Plugin {
  const ours = path.resolve(root, 'src/lib/mantine-use-id.ts');
  let replaced = false;
  return {
    name: 'auditdesk:mantine-use-id',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== './use-id/use-id.mjs' || !importer || !normalizePath(importer).includes('/@mantine/hooks/'))
        return;
      replaced = true;
      return ours;
    },
    buildEnd(error) {
      if (!error && !replaced)
        this.error(
          "Mantine's hooks no longer import ./use-id/use-id.mjs: find where their useId is now and point " +
            'mantineUseIdWithoutRedraw (vite.config.mts) at it.',
        );
    },
  };
}

export default defineConfig(({ command }) => ({
  root,
  // A build compiles JSX for React's production runtime whatever NODE_ENV says (the tests run
  // with NODE_ENV=test): the development transform calls jsxDEV, which the production build
  // of React (forced below) does not have.
  oxc: { jsx: { runtime: 'automatic', ...(command === 'build' && { development: false }) } },
  // Brotli and gzip copies of every built script and stylesheet (assets/x.js.br, .gz), made
  // once here rather than on every request: the API serves the one the browser accepts
  // (apps/api/src/web-ui/web-ui.ts). index.html is left alone: it is small and never cached.
  plugins: [
    mantineUseIdWithoutRedraw(),
    mantineStylesComplete(),
    compression({
      algorithms: ['brotliCompress', 'gzip'],
      include: /\.(js|css|svg|json)$/,
      // The manifest is the API's to read (screen-chunks.ts), not a page's to download.
      exclude: /manifest\.json$/,
    }),
  ],
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
    // Which chunks each screen loads (.vite/manifest.json): the API names a page's own as
    // preloads (apps/api/src/web-ui/screen-chunks.ts).
    manifest: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // The first screens in three scripts rather than twenty (chunk-groups.mts).
      output: { codeSplitting: chunkGroups(root) },
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
  // A build is what the API serves: React's production build, even when NODE_ENV says
  // development (.env.example sets it for the apps, and `npm start` loads .env), which would
  // otherwise ship React's development build: half again as much script, and slower.
  ...(command === 'build' && { define: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
}));
