// Component tests (`npm run test:web`, and part of `npm test`): jsdom + Testing Library.
import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.mts';

export default defineConfig((env) =>
  mergeConfig(
    viteConfig(env),
    defineConfig({
      test: {
        environment: 'jsdom',
        include: ['src/**/*.test.{ts,tsx}'],
        setupFiles: ['src/test/setup.ts'],
        css: true,
        // Vitest's 5 s default is a timed assertion in disguise on a shared 2-core machine (as in
        // jest.config.js): a test that renders Mantine and types a sentence can take longer under
        // load without anything wrong.
        testTimeout: 60_000,
      },
    }),
  ),
);
