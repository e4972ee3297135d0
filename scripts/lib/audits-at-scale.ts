// Audits at scale, written straight in SQL (tens of thousands of rows a second): the database of
// `npm run bench:reminders`, and of the e2e test that the digest claim's plan stays a lookup by
// key at that size (test/reminders/claim-plan.e2e-spec.ts).
import type pg from 'pg';

export interface AuditsAtScale {
  audits: number;
  /** People assigned responses (users 0 to users - 1, in four zones); user `users` leads every audit. */
  users: number;
  /** Requests per audit; each audit has one subject, so as many responses, each assigned. */
  requestsPerAudit: number;
  /** Audits are received on this day, due 21 days later; responses are due 14 to 18 days later. */
  now: Date;
}

/**
 * Open audits with their lead counsel, contributors, one subject and its responses. Ids are
 * md5 of a name, so a caller can name rows: md5('a'||i) audit i (1-based), md5('u'||j) user j,
 * md5('c'||i||'-'||k) the response to audit i's request k (0-based).
 */
export async function seedAuditsAtScale(db: pg.ClientBase, scale: AuditsAtScale): Promise<void> {
  const { audits, users, requestsPerAudit: requests, now } = scale;
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const deadline = new Date(now.getTime() + 21 * 86_400_000).toISOString();
  await db.query(`
    INSERT INTO users (id, email, name, time_zone, updated_at)
    SELECT md5('u'||j)::uuid, 'u'||j||'@bench.test', 'User '||j,
           (ARRAY['America/New_York','America/Los_Angeles','Europe/London','Asia/Tokyo'])[1 + j % 4], now()
      FROM generate_series(0, ${users}) j`);
  await db.query(`
    INSERT INTO audits (id, title, reference_code, status, demanding_party, responding_party, agreement_title, received_on, response_deadline, deadline_time_zone, updated_at)
    SELECT md5('a'||i)::uuid, 'Bench audit '||i, 'B-'||i, 'OPEN', 'Licensor', 'Licensee', 'Agreement', '${day(0)}', '${deadline}', 'America/New_York', now()
      FROM generate_series(1, ${audits}) i`);
  await db.query(
    `INSERT INTO audit_members (audit_id, user_id, role) SELECT md5('a'||i)::uuid, md5('u${users}')::uuid, 'LEAD_COUNSEL' FROM generate_series(1, ${audits}) i`,
  );
  await db.query(`
    INSERT INTO audit_members (audit_id, user_id, role)
    SELECT DISTINCT md5('a'||i)::uuid, md5('u'||((i * ${requests} + k) % ${users}))::uuid, 'CONTRIBUTOR'::"AuditRole"
      FROM generate_series(1, ${audits}) i, generate_series(0, ${requests - 1}) k`);
  await db.query(
    `INSERT INTO subjects (id, audit_id, name, position, updated_at) SELECT md5('s'||i)::uuid, md5('a'||i)::uuid, 'App '||i, 1, now() FROM generate_series(1, ${audits}) i`,
  );
  await db.query(`
    INSERT INTO requests (id, audit_id, ordinal, title, text, updated_at)
    SELECT md5('r'||i||'-'||k)::uuid, md5('a'||i)::uuid, k + 1, 'Request '||(k + 1), 'Provide it.', now()
      FROM generate_series(1, ${audits}) i, generate_series(0, ${requests - 1}) k`);
  await db.query(`
    INSERT INTO responses (id, audit_id, subject_id, request_id, assignee_id, due_date, updated_at)
    SELECT md5('c'||i||'-'||k)::uuid, md5('a'||i)::uuid, md5('s'||i)::uuid, md5('r'||i||'-'||k)::uuid,
           md5('u'||((i * ${requests} + k) % ${users}))::uuid, ('${day(14)}'::date + (k % 5)), now()
      FROM generate_series(1, ${audits}) i, generate_series(0, ${requests - 1}) k`);
}
