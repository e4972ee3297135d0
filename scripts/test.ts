// `npm test [-- <jest args>]`: makes sure PostgreSQL and Redis are up, then runs Jest.
// The e2e project's globalSetup derives and recreates the test database from DATABASE_URL.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, bin, ensurePostgres, ensureRedis, loadDotEnv } from './lib/services';

/**
 * Jest's own summary ("Tests: 3 passed, 3 total") is not a form CI tools read; print the
 * plain "N passed, N failed, N skipped" line from its JSON results as well.
 */
function printPlainSummary(resultsFile: string): void {
  try {
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
    };
    const skipped = results.numPendingTests + results.numTodoTests;
    console.log(`Tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`);
  } catch {
    // Jest stopped before writing results (e.g. a config error); its own output says why.
  }
}

async function main(): Promise<void> {
  loadDotEnv();
  const postgres = await ensurePostgres();
  let exitCode = 1;
  try {
    const redisUrl = await ensureRedis();
    const resultsDir = mkdtempSync(path.join(tmpdir(), 'auditdesk-jest-'));
    const resultsFile = path.join(resultsDir, 'results.json');
    const jest = spawn(bin('jest'), [...process.argv.slice(2), '--json', `--outputFile=${resultsFile}`], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, DATABASE_URL: postgres.databaseUrl, REDIS_URL: redisUrl },
    });
    const forward = (signal: NodeJS.Signals) => jest.kill(signal);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, forward);
    exitCode = await new Promise<number>((resolve) => {
      jest.on('error', (error) => {
        console.error(`[test] cannot run jest: ${error.message}`);
        resolve(1);
      });
      jest.on('exit', (code, signal) => resolve(code ?? (signal ? 130 : 1)));
    });
    printPlainSummary(resultsFile);
    rmSync(resultsDir, { recursive: true, force: true });
  } finally {
    await postgres.stop();
  }
  process.exit(exitCode);
}

main().catch((error: unknown) => {
  console.error(`[test] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
