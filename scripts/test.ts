// `npm test [-- <jest args>]`: makes sure PostgreSQL and Redis are up, then runs Jest.
// The e2e project's globalSetup derives and recreates the test database from DATABASE_URL.
// With no arguments (the whole suite) the web UI's component tests (Vitest) run first, and
// the summary line counts both; with Jest arguments only Jest runs (`npm run test:web` runs
// the component tests alone).
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

/**
 * Jest's own summary ("Tests: 3 passed, 3 total") is not a form CI tools read; print the
 * plain "N passed, N failed, N skipped" line from the JSON results (Jest's, and Vitest's,
 * which has the same shape) as well.
 */
function readCounts(resultsFile: string): Counts | null {
  try {
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
    };
    return {
      passed: results.numPassedTests,
      failed: results.numFailedTests,
      skipped: results.numPendingTests + results.numTodoTests,
    };
  } catch {
    // The runner stopped before writing results (e.g. a config error); its own output says why.
    return null;
  }
}

/** Runs a test runner with inherited output; resolves with its exit code. */
function runTests(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
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

async function main(): Promise<void> {
  loadDotEnv();
  const jestArgs = process.argv.slice(2);
  const resultsDir = mkdtempSync(path.join(tmpdir(), 'auditdesk-tests-'));
  const counts: (Counts | null)[] = [];
  let exitCode = 0;

  if (jestArgs.length === 0) {
    const webResults = path.join(resultsDir, 'web.json');
    const code = await runTests(
      bin('vitest'),
      [
        'run',
        '--config',
        'apps/web/vitest.config.mts',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${webResults}`,
      ],
      {},
    );
    counts.push(readCounts(webResults));
    if (code !== 0) exitCode = code;
  }

  const postgres = await ensurePostgres();
  try {
    const redisUrl = await ensureRedis();
    const jestResults = path.join(resultsDir, 'jest.json');
    // --forceExit: a spec that fails half-way can leave a worker's Redis connections open, and
    // Jest would then wait for them forever; the run must end and report either way.
    const code = await runTests(bin('jest'), [...jestArgs, '--forceExit', '--json', `--outputFile=${jestResults}`], {
      DATABASE_URL: postgres.databaseUrl,
      REDIS_URL: redisUrl,
    });
    counts.push(readCounts(jestResults));
    if (code !== 0) exitCode = code;
  } finally {
    await postgres.stop();
  }

  const known = counts.filter((c): c is Counts => c !== null);
  if (known.length > 0) {
    const sum = (key: keyof Counts) => known.reduce((total, c) => total + c[key], 0);
    console.log(`Tests: ${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`);
  }
  rmSync(resultsDir, { recursive: true, force: true });
  process.exit(exitCode);
}

main().catch((error: unknown) => {
  console.error(`[test] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
