// The digest claim's plan at scale (issue 16): the statement runs prepared, and after a few runs
// on a connection PostgreSQL may keep a generic plan, made without the recipient, the send time
// or the items. Here, on 3,000 audits with 30,000 responses and their reminders (this file's own
// database, analysed), the generic plan is forced and read back: every table the claim reads is
// reached through an index by a key, never scanned whole (a plan that scanned the audits cost
// 15 times as much in the benchmark). The same lookups written as plain joins, or without their
// OFFSET 0 fences, make a generic plan that reads every response: this test fails on both.
import pg from 'pg';
import { parseDatabaseUrl } from '@app/db';
import { digestClaimStatement } from '../../apps/worker/src/reminders/digest-store';
import { seedAuditsAtScale } from '../../scripts/lib/audits-at-scale';
import { useOwnDatabase } from '../support/own-database';

const AUDITS = 3_000;
// A hundred people carry the work, as in the benchmark: each has hundreds of reminders at one send
// time, so PostgreSQL expects a claim to cover many items, and a plan that joins them to every
// response then looks cheaper than a lookup each (the form this test fails on). Three thousand
// more people of the firm are on no audit here: with only a hundred, reading the users table's
// two pages whole would rightly be the cheaper plan.
const USERS = 100;
const OTHER_USERS = 3_000;
const REQUESTS_PER_AUDIT = 10;

/** One node of `EXPLAIN (FORMAT JSON)`'s plan tree, as far as this test reads it. */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  /** A bitmap heap scan's condition: the keys its bitmap index scan found. */
  'Recheck Cond'?: string;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

describe('the digest claim under a generic plan', () => {
  let dropDatabase: () => Promise<void>;
  let db: pg.Client;

  beforeAll(async () => {
    dropDatabase = await useOwnDatabase('claim_plan');
    db = new pg.Client(parseDatabaseUrl(process.env.DATABASE_URL!).pool);
    await db.connect();
    const now = new Date('2023-05-18T09:00:00Z');
    await seedAuditsAtScale(db, { audits: AUDITS, users: USERS, requestsPerAudit: REQUESTS_PER_AUDIT, now });
    await db.query(`
      INSERT INTO users (id, email, name, time_zone, updated_at)
      SELECT gen_random_uuid(), 'other'||j||'@bench.test', 'Other '||j, 'Europe/London', now()
        FROM generate_series(1, ${OTHER_USERS}) j`);
    // Each assignee's next digest of each audit, as the planner leaves them.
    await db.query(`
      INSERT INTO reminders (id, audit_id, recipient_id, send_at, reasons, item_ids, updated_at)
      SELECT gen_random_uuid(), audit_id, assignee_id, '2023-06-01T13:00:00Z', ARRAY['DUE_DATE'], array_agg(id), now()
        FROM responses GROUP BY audit_id, assignee_id`);
    await db.query('ANALYZE');
  });

  afterAll(async () => {
    await db?.end();
    await dropDatabase?.();
  });

  it('reaches every table it reads by key, so a digest costs the same at any number of audits', async () => {
    const statement = digestClaimStatement(
      '00000000-0000-4000-8000-000000000001',
      new Date('2023-06-01T13:00:00Z'),
      '<digest@audits.example.com>',
      new Date('2023-06-01T13:00:01Z'),
    );
    await db.query('SET plan_cache_mode = force_generic_plan');
    await db.query(`PREPARE claim AS ${statement.text}`);
    const values = statement.values.map((v) => db.escapeLiteral(v instanceof Date ? v.toISOString() : String(v)));
    const { rows } = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `EXPLAIN (FORMAT JSON) EXECUTE claim(${values.join(', ')})`,
    );
    // The UPDATE's own node names its table too; what it updates is what the scan under it found.
    const reads = nodesOf(rows[0]['QUERY PLAN'][0].Plan).filter(
      (n) => n['Relation Name'] && n['Node Type'] !== 'ModifyTable',
    );

    // The claim reads all of these; a plan that no longer names one has changed what it reads.
    expect(new Set(reads.map((n) => n['Relation Name']))).toEqual(
      new Set(['reminders', 'responses', 'audits', 'subjects', 'requests', 'users', 'audit_members']),
    );
    const byKey = (n: PlanNode) => Boolean(n['Index Cond'] ?? n['Recheck Cond']);
    const whole = reads.filter((n) => !byKey(n));
    expect(whole.map((n) => `${n['Node Type']} on ${n['Relation Name']}`)).toEqual([]);
  });
});
