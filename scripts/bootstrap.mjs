#!/usr/bin/env node
// Makes a checkout runnable: installs dependencies when node_modules is missing or older
// than package-lock.json, and regenerates the Prisma client when it is missing or older
// than prisma/schema.prisma. Plain Node with no dependencies (node_modules may not exist).
// Usage: node scripts/bootstrap.mjs [--quiet]
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');

const mtime = (file) => statSync(join(root, file), { throwIfNoEntry: false })?.mtimeMs;
const log = (message) => quiet || console.log(`[bootstrap] ${message}`);

function run(command, args, { mayFail = false } = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
  });
  if (result.status === 0) return true;
  if (mayFail) return false;
  if (quiet) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
  console.error(
    `[bootstrap] ${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})`,
  );
  process.exit(result.status || 1);
}

const lockfile = mtime('package-lock.json');
const installed = mtime('node_modules/.package-lock.json'); // npm rewrites it after every install
let didInstall = false;
if (installed === undefined || (lockfile !== undefined && lockfile > installed)) {
  const flags = quiet ? ['--no-audit', '--no-fund', '--loglevel=error'] : [];
  log(`dependencies are ${installed === undefined ? 'missing' : 'out of date'}: npm ${lockfile ? 'ci' : 'install'}`);
  // npm ci refuses a lockfile that lacks optional platform packages the registry does not
  // serve (the case with this machine's registry); npm install tolerates them.
  if (lockfile === undefined || !run('npm', ['ci', ...flags], { mayFail: true })) {
    if (lockfile !== undefined) log('npm ci failed; falling back to npm install');
    run('npm', ['install', ...flags]);
  }
  didInstall = true;
}

const generated = mtime('libs/db/src/generated/prisma/client.ts');
if (didInstall || generated === undefined || generated < mtime('prisma/schema.prisma')) {
  log('generating the Prisma client');
  run(join(root, 'node_modules', '.bin', 'prisma'), ['generate']);
}
