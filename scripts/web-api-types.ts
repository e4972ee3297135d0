// `npm run web:api-types`: builds the API (so the Swagger CLI plugin describes the DTOs, as
// in production), makes its OpenAPI document with the same configureApp main.ts uses, in
// Nest's preview mode (no database, Redis or port needed), and writes the web app's types.
import type { NestExpressApplication } from '@nestjs/platform-express';
import 'reflect-metadata';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, bin, run } from './lib/services';
import { API_TYPES_FILE, renderApiTypes } from './lib/api-types';

async function main(): Promise<void> {
  const build = await run(bin('nest'), ['build', 'api'], { inherit: true });
  if (build.code !== 0) throw new Error('nest build api failed');
  const dist = ['dist/apps/api', 'dist/apps/api/apps/api/src']
    .map((dir) => path.join(ROOT, dir))
    .find((dir) => existsSync(path.join(dir, 'app.setup.js')));
  if (!dist) throw new Error('nest build api produced no app.setup.js');

  // Compiled modules, required at run time so tsx does not compile their sources without the plugin.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NestFactory } = require('@nestjs/core') as typeof import('@nestjs/core');
  const { AppModule } = require(path.join(dist, 'app.module.js')) as { AppModule: new () => unknown };
  const { API_APP_OPTIONS, configureApp } = require(
    path.join(dist, 'app.setup.js'),
  ) as typeof import('../apps/api/src/app.setup');
  // Configuration is validated even in preview mode; nothing connects to this URL.
  process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/auditdesk';
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    ...API_APP_OPTIONS,
    logger: false,
    preview: true,
    abortOnError: false,
  });
  const document = configureApp(app);
  await app.close();

  writeFileSync(API_TYPES_FILE, renderApiTypes(document));
  console.log(`[web:api-types] wrote ${path.relative(ROOT, API_TYPES_FILE)}`);
}

main().catch((error: unknown) => {
  console.error(`[web:api-types] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
