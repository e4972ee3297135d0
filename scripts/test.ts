// `npm test [-- <jest args>]`: the whole check a change must pass, on any machine.
// With no arguments: lint (ESLint), formatting (Prettier), typecheck (tsc, both projects), the
// web UI's component tests (Vitest), then PostgreSQL and Redis are brought up and Jest runs
// the unit and e2e projects. With Jest arguments only Jest runs (`npm run test:web` runs the
// component tests alone, `npm run lint` and `npm run typecheck` the checks).
// The unit project then runs a second time under a far time zone (FAR_ZONE, UTC+14), so code
// that must not depend on the server's zone is checked against one that is not UTC.
// Test files run in a seeded random order (test/setup/shuffled-sequencer.js); the run prints its
// seed, and AUDITDESK_TEST_SEED=<seed> npm test replays that order.
// The last line is `Tests: N passed, N failed, N skipped`, counting every test and each check
// as one; a runner whose results cannot be read, or that fails without a failing test,
// counts as failed: the line never under-reports.
// Each run has its own name (scripts/lib/test-run.ts): its own test database(s) and BullMQ key
// prefix, removed when it ends (passed, failed or interrupted), so runs started together and a
// running `npm start` never touch each other's data or queues. What a killed run left behind
// is removed by the next one.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, bin, ensurePostgres, ensureRedis, loadDotEnv } from './lib/services';
import { newRunName, removeRun, removeStaleRuns } from './lib/test-run';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** The first zone to see each day: a date computed in the server's zone is a day off here. */
const FAR_ZONE = 'Pacific/Kiritimati';

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;

/** Adds one runner's counts, or one failure when its results cannot be trusted. */
function tally(runner: string, code: number, counts: Counts | null): void {
  if (code !== 0) exitCode = code;
  if (!counts) {
    console.error(`[test] ${runner}: its results could not be read (exit ${code}); counted as one failure`);
    total.failed += 1;
    exitCode ||= 1;
    return;
  }
  total.passed += counts.passed;
  total.skipped += counts.skipped;
  total.failed += counts.failed;
  if (code !== 0 && counts.failed === 0) {
    console.error(`[test] ${runner} exited with code ${code} but reported no failing test; counted as one failure`);
    total.failed += 1;
  }
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** Vitest's JSON report: its totals, plus any test file that failed without a failing test. */
function vitestCounts(file: string): Counts | null {
  const report = readJson<{
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: { status: string; assertionResults: { status: string }[] }[];
  }>(file);
  if (!report || !Array.isArray(report.testResults)) return null;
  const brokenFiles = report.testResults.filter(
    (r) => r.status === 'failed' && !r.assertionResults.some((a) => a.status === 'failed'),
  ).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

/** Runs a command with inherited output; resolves with its exit code. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, forward);
  return new Promise<number>((resolve) => {
    child.on('error', (error) => {
      console.error(`[test] cannot run ${path.basename(command)}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(s, forward);
      resolve(code ?? (signal ? 130 : 1));
    });
  });
}

/** A check (lint, formatting, typecheck) counts as one test: passed or failed. */
async function check(name: string, command: string, args: string[]): Promise<void> {
  console.log(`[test] ${name}: ${path.basename(command)} ${args.join(' ')}`);
  const code = await run(command, args);
  console.log(`[test] ${name}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`}`);
  tally(name, code, { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 });
}

/** One Jest invocation, tallied from the counts reporter's file. */
async function jest(name: string, resultsDir: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const countsFile = path.join(resultsDir, `jest-${name.replace(/\W+/g, '-')}.json`);
  // --forceExit: a spec that fails half-way can leave a worker's Redis connections open, and
  // Jest would then wait for them forever; the run must end and report either way.
  const code = await run(
    bin('jest'),
    [...args, '--forceExit', '--reporters=default', '--reporters=<rootDir>/test/setup/counts-reporter.js'],
    { ...env, AUDITDESK_TEST_COUNTS: countsFile },
  );
  tally(name, code, readJson<Counts>(countsFile));
}

async function main(): Promise<void> {
  loadDotEnv();
  const jestArgs = process.argv.slice(2);
  const resultsDir = mkdtempSync(path.join(tmpdir(), 'auditdesk-tests-'));
  const seed = process.env.AUDITDESK_TEST_SEED || String(Math.floor(Math.random() * 2 ** 31));

  if (jestArgs.length === 0) {
    await check('lint', bin('eslint'), ['.']);
    await check('format', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
    await check('typecheck (API, worker, libs, tests)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
    await check('typecheck (web UI)', bin('tsc'), ['--noEmit', '-p', 'apps/web/tsconfig.json']);

    const webResults = path.join(resultsDir, 'web.json');
    const code = await run(bin('vitest'), [
      'run',
      '--config',
      'apps/web/vitest.config.mts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${webResults}`,
    ]);
    tally('vitest', code, vitestCounts(webResults));
  }

  const postgres = await ensurePostgres();
  const runName = newRunName();
  let redisUrl: string | undefined;
  try {
    redisUrl = await ensureRedis();
    await removeStaleRuns(postgres.databaseUrl, redisUrl, (m) => console.log(`[test] ${m}`));
    console.log(`[test] this run's database and queue prefix: ${runName}`);
    await jest('jest', resultsDir, jestArgs, {
      DATABASE_URL: postgres.databaseUrl,
      REDIS_URL: redisUrl,
      AUDITDESK_TEST_RUN: runName,
      // Not a developer's own TEST_DATABASE_URL from .env: this run's database is its own.
      TEST_DATABASE_URL: '',
      AUDITDESK_TEST_SEED: seed,
    });
    if (jestArgs.length === 0) {
      // TZ must be set before Node starts (it is read once, at start-up): a separate Jest.
      console.log(`[test] the unit project again under TZ=${FAR_ZONE}`);
      await jest(`jest (unit, TZ=${FAR_ZONE})`, resultsDir, ['--selectProjects', 'unit'], {
        TZ: FAR_ZONE,
        AUDITDESK_TEST_SEED: seed,
      });
    }
  } finally {
    if (redisUrl) await removeRun(postgres.databaseUrl, redisUrl, runName);
    await postgres.stop();
  }

  rmSync(resultsDir, { recursive: true, force: true });
  console.log(`[test] file order seed ${seed}; AUDITDESK_TEST_SEED=${seed} replays it`);
  console.log(`Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(exitCode);
}

main().catch((error: unknown) => {
  console.error(`[test] ${error instanceof Error ? error.message : String(error)}`);
  total.failed += 1;
  console.log(`Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(1);
});
