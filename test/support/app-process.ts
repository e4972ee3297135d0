// The apps as separate processes, compiled by `nest build` and started as `npm start` starts
// them (node on the built main.js): for specs that run several instances, or that need a
// process of its own to kill, or to watch survive a fault, without taking Jest down with it.
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { eventually } from './eventually';

const ROOT = path.resolve(__dirname, '../..');

/** A free port on the loopback interface. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs a command from the repository root; rejects with its output when it fails. */
function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`)),
    );
  });
}

/**
 * Builds an app with `nest build` into `buildDir` (a folder of the spec's own under
 * node_modules/.cache, so TypeScript finds the types), never into dist/: a running `npm start`
 * serves from there. Returns the path of its main.js.
 */
export async function buildApp(app: 'api' | 'worker', buildDir: string): Promise<string> {
  const tsconfig = path.join(buildDir, `tsconfig.${app}.json`);
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: path.relative(buildDir, path.join(ROOT, `apps/${app}/tsconfig.app.json`)),
      compilerOptions: { outDir: `./${app}` },
    }),
  );
  await run(path.join(ROOT, 'node_modules/.bin/nest'), ['build', app, '--path', path.relative(ROOT, tsconfig)]);
  return path.join(buildDir, app, `apps/${app}/src/main.js`);
}

/** A folder for a spec's builds (remove it in afterAll). */
export const buildDirOf = (name: string): string =>
  path.join(ROOT, 'node_modules/.cache/auditdesk-e2e', `${name}-${process.pid}`);

export interface AppProcess {
  name: string;
  child: ChildProcess;
  /** What it wrote to stdout and stderr so far. */
  output: string[];
}

/** Whether the process has ended (a process killed by a signal has a signalCode and no exitCode). */
export const hasExited = (instance: AppProcess): boolean =>
  instance.child.exitCode !== null || instance.child.signalCode !== null;

/**
 * Starts a built app and waits until its health route says it is healthy (200), or, with
 * `anyAnswer`, until it answers at all (an app started while a service it needs is down
 * answers 503).
 */
export async function startApp(
  name: string,
  main: string,
  env: NodeJS.ProcessEnv,
  healthUrl: string,
  { anyAnswer = false }: { anyAnswer?: boolean } = {},
): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--enable-source-maps', main], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const instance: AppProcess = { name, child, output: [] };
  child.stdout.on('data', (c: Buffer) => instance.output.push(c.toString()));
  child.stderr.on('data', (c: Buffer) => instance.output.push(c.toString()));
  await eventually(
    async () => {
      if (hasExited(instance)) throw new Error(`${name} exited ${child.exitCode}:\n${instance.output.join('')}`);
      return fetch(healthUrl).then(
        (res) => anyAnswer || res.ok,
        () => false,
      );
    },
    (healthy) => healthy,
    120_000,
  );
  return instance;
}

/** Stops it as a process manager would (SIGTERM) and waits until it has exited. */
export async function stopApp(instance: AppProcess | undefined): Promise<void> {
  if (!instance || hasExited(instance)) return;
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.kill('SIGTERM');
  await exited;
}
