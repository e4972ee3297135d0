// Removes what the e2e run made (its databases, its Redis keys) when the global set-up named
// the run itself; under `npm test`, scripts/test.ts owns the run and removes it, also when Jest
// dies. A database given by TEST_DATABASE_URL is kept for looking at; the next run replaces it.
import { removeRun } from '../../scripts/lib/test-run';

export default async function globalTeardown(): Promise<void> {
  if (!process.env.AUDITDESK_TEST_RUN_OWNED_BY_JEST) return;
  const run = process.env.AUDITDESK_TEST_RUN!;
  await removeRun(process.env.DATABASE_URL!, process.env.REDIS_URL || 'redis://127.0.0.1:6379', run);
}
