// Boots the real API for e2e specs: AppModule as main.ts builds it, configured by the same
// configureApp(app), with the one change tests need: a FixedClock the spec moves by hand.
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppConfig, loadEnvironment } from '@app/config';
import { PrismaService } from '@app/db';
import { Clock, FixedClock } from '@app/domain';
import { AppModule } from '../../apps/api/src/app.module';
import { API_APP_OPTIONS, configureApp } from '../../apps/api/src/app.setup';

export interface TestApp {
  app: NestExpressApplication;
  http: Server;
  prisma: PrismaService;
  clock: FixedClock;
  /** The OpenAPI document configureApp built (the one /api/docs-json serves). */
  document: OpenAPIObject;
  close: () => Promise<void>;
}

export interface TestAppOptions {
  /** The instant the FixedClock starts at; the real time when omitted. */
  now?: Date | string;
  /** Settings that differ from the validated environment (e.g. a temporary STORAGE_DIR). */
  env?: Partial<AppConfig>;
  /** Use this clock instead (e.g. one shared with a worker); `now` is then ignored. */
  clock?: FixedClock;
  /** Serve the web UI built into this directory instead of dist/web. */
  webUiDir?: string;
}

export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  if (!process.env.DATABASE_URL)
    throw new Error('DATABASE_URL is not set: run the e2e project, whose globalSetup sets it.');
  const clock = opts.clock ?? new FixedClock(opts.now ? new Date(opts.now) : new Date());
  // Uploaded evidence goes to a directory of this app's own, never the developer's storage.
  const ownStorage = opts.env?.STORAGE_DIR ? null : mkdtempSync(path.join(tmpdir(), 'auditdesk-e2e-storage-'));
  const env = { STORAGE_DRIVER: 'local' as const, ...(ownStorage && { STORAGE_DIR: ownStorage }), ...opts.env };
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .overrideProvider(AppConfig)
    .useValue(Object.assign(new AppConfig(), loadEnvironment(), env))
    .compile();
  // Errors only: a 500 logs its stack (that is a bug worth seeing), routine 4xx stay quiet.
  const app = moduleRef.createNestApplication<NestExpressApplication>({ ...API_APP_OPTIONS, logger: ['error'] });
  const document = configureApp(app, { webUiDir: opts.webUiDir });
  await app.init();
  return {
    app,
    http: app.getHttpServer(),
    prisma: app.get(PrismaService),
    clock,
    document,
    close: async () => {
      await app.close();
      if (ownStorage) rmSync(ownStorage, { recursive: true, force: true });
    },
  };
}
