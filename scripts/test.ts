// `npm test [-- <jest args>]`: makes sure PostgreSQL and Redis are up, then runs Jest.
// The e2e project's globalSetup derives and recreates the test database from DATABASE_URL.
import { spawn } from 'node:child_process';
import { ROOT, bin, ensurePostgres, ensureRedis, loadDotEnv } from './lib/services';

async function main(): Promise<void> {
  loadDotEnv();
  const postgres = await ensurePostgres();
  let exitCode = 1;
  try {
    const redisUrl = await ensureRedis();
    const jest = spawn(bin('jest'), process.argv.slice(2), {
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
  } finally {
    await postgres.stop();
  }
  process.exit(exitCode);
}

main().catch((error: unknown) => {
  console.error(`[test] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
