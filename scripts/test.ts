// `npm test [-- <jest args>]`: the whole check a change must pass, on any machine.
// With no arguments: lint (ESLint), formatting (Prettier), typecheck (tsc, both projects), the
// web UI's component tests (Vitest), then PostgreSQL and Redis are brought up and Jest runs
// the unit and e2e projects. With Jest arguments only Jest runs (`npm run test:web` runs the
// component tests alone, `npm run lint` and `npm run typecheck` the checks).
// The last line is `Tests: N passed, N failed, N skipped`, counting every test and each check
// as one; a runner whose results cannot be read, or that fails without a failing test,
// counts as failed: the line never under-reports.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, bin, ensurePostgres, ensureRedis, loadDotEnv } from './lib/services';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

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

async function main(): Promise<void> {
  loadDotEnv();
  const jestArgs = process.argv.slice(2);
  const resultsDir = mkdtempSync(path.join(tmpdir(), 'auditdesk-tests-'));

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
  try {
    const redisUrl = await ensureRedis();
    const jestCounts = path.join(resultsDir, 'jest.json');
    // --forceExit: a spec that fails half-way can leave a worker's Redis connections open, and
    // Jest would then wait for them forever; the run must end and report either way.
    const code = await run(
      bin('jest'),
      [...jestArgs, '--forceExit', '--reporters=default', '--reporters=<rootDir>/test/setup/counts-reporter.js'],
      { DATABASE_URL: postgres.databaseUrl, REDIS_URL: redisUrl, AUDITDESK_TEST_COUNTS: jestCounts },
    );
    tally('jest', code, readJson<Counts>(jestCounts));
  } finally {
    await postgres.stop();
  }

  rmSync(resultsDir, { recursive: true, force: true });
  console.log(`Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(exitCode);
}

main().catch((error: unknown) => {
  console.error(`[test] ${error instanceof Error ? error.message : String(error)}`);
  total.failed += 1;
  console.log(`Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(1);
});
