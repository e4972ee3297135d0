// `npm start`: brings up PostgreSQL and Redis, migrates (and seeds an empty database),
// builds the web UI, the API and the worker, runs API and worker with prefixed output, and
// prints the URL to open. Ctrl-C stops everything.
// Demo mode (the login page lists the demo users and their shared password, the org admin's
// included) is only ever on by choice: DEMO_MODE=true in the environment or .env. Holding the
// demo data says nothing about who can reach the server, so it only earns a hint.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { REFERENCE_AUDIT } from '../prisma/seed/reference-case';
import {
  PostgresHandle,
  ROOT,
  auditExists,
  bin,
  databaseIsEmpty,
  ensurePostgres,
  ensureRedis,
  loadDotEnv,
  migrateDeploy,
  run,
  sleep,
} from './lib/services';

const log = (message: string) => console.log(`[start] ${message}`);
const apps = ['api', 'worker'] as const;
const children = new Map<string, ChildProcess>();
let postgres: PostgresHandle | undefined;
let stopping = false;

async function main(): Promise<void> {
  loadDotEnv();
  postgres = await ensurePostgres();
  const redisUrl = await ensureRedis();
  const env: NodeJS.ProcessEnv = { DATABASE_URL: postgres.databaseUrl, REDIS_URL: redisUrl };

  log('applying migrations');
  await migrateDeploy(postgres.databaseUrl);
  if (await databaseIsEmpty(postgres.databaseUrl)) {
    const seed = path.join(ROOT, 'prisma', 'seed', 'main.ts');
    if (!existsSync(seed))
      throw new Error(`the database is empty and there is no seed script at ${path.relative(ROOT, seed)}`);
    log('seeding the empty database');
    await step(bin('tsx'), [seed], env);
  }
  if (process.env.DEMO_MODE !== 'true' && (await auditExists(postgres.databaseUrl, REFERENCE_AUDIT.referenceCode))) {
    log(
      'the demo case is loaded; to list its logins on the login page, set DEMO_MODE=true (in .env or the environment)',
    );
  }

  log('building the web UI');
  await step(bin('vite'), ['build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn']);
  for (const app of apps) {
    log(`building ${app}`);
    await step(bin('nest'), ['build', app]);
  }
  if (stopping) return;

  for (const app of apps) startApp(app, env);
  await announceWhenHealthy();
}

/** Runs a build/seed step with inherited output; throws when it fails. */
async function step(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<void> {
  const result = await run(command, args, { env, inherit: true });
  if (result.code !== 0 && !stopping)
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed (exit ${result.code})`);
}

function entryFile(app: string): string {
  // Nest emits dist/apps/<app>/main.js, or keeps the source layout when an app compiles files outside its root.
  const candidates = [`dist/apps/${app}/main.js`, `dist/apps/${app}/apps/${app}/src/main.js`];
  const found = candidates.map((file) => path.join(ROOT, file)).find((file) => existsSync(file));
  if (!found) throw new Error(`nest build ${app} produced none of: ${candidates.join(', ')}`);
  return found;
}

function startApp(app: string, env: NodeJS.ProcessEnv): void {
  const child = spawn(process.execPath, ['--enable-source-maps', entryFile(app)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.set(app, child);
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    readline.createInterface({ input: stream }).on('line', (line) => out.write(`[${app}] ${line}\n`));
  }
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[start] ${app} exited (${signal ?? `code ${code}`}); stopping`);
    void shutdown(code || 1);
  });
}

async function announceWhenHealthy(): Promise<void> {
  const port = process.env.PORT || '3000';
  const deadline = Date.now() + 120_000;
  while (!stopping && Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) {
        log(`AuditDesk is running: open http://localhost:${port}/ (API docs at /api/docs)`);
        return;
      }
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  if (!stopping) log(`the API did not answer GET /api/health on port ${port} within 2 minutes`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function shutdown(code: number): Promise<never> {
  stopping = true;
  await Promise.all([...children.values()].map(stopChild));
  await postgres?.stop().catch((error) => console.error(`[start] stopping PostgreSQL: ${error}`));
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    log(`${signal}: stopping`);
    void shutdown(0);
  });
}

main().catch((error: unknown) => {
  if (stopping) return;
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});
