// A database of one spec file's own, cloned from the migrated template the global set-up keeps:
// the file may change what it likes (or needs the seeded demo case exactly as seeded) and no
// other file sees it. Cloning takes well under a second.
import { parseDatabaseUrl, withDatabase } from '../../libs/db/src/pg-connection';
import { withMaintenanceClient, withTemplateLock } from '../../scripts/lib/test-run';

/**
 * Points this test file (its process.env, which apps created afterwards read) at a new
 * database `<run database>_<suffix>`. Returns a function that drops it; a run that dies first
 * leaves it to the run's clean-up, which drops every `<run database>_*`.
 */
export async function useOwnDatabase(suffix: string): Promise<() => Promise<void>> {
  const shared = process.env.DATABASE_URL;
  const template = process.env.AUDITDESK_TEST_TEMPLATE;
  if (!shared || !template) throw new Error('DATABASE_URL is not set: run the e2e project, whose globalSetup sets it.');
  const ownDb = `${parseDatabaseUrl(shared).pool.database!}_${suffix}`;
  await withMaintenanceClient(shared, (client) =>
    withTemplateLock(client, async () => {
      const q = (name: string) => client.escapeIdentifier(name);
      await client.query(`DROP DATABASE IF EXISTS ${q(ownDb)} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${q(ownDb)} TEMPLATE ${q(template)}`);
    }),
  );
  process.env.DATABASE_URL = withDatabase(shared, ownDb);
  return () =>
    withMaintenanceClient(shared, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(ownDb)} WITH (FORCE)`);
    });
}
