// The admin CLI as a person runs it: a child process (`tsx apps/cli/src/main.ts ...`)
// against the test database, checked through the database.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { verifyPassword } from '@app/accounts';
import pg from 'pg';
import { createPrismaClient, parseDatabaseUrl, Prisma, type PrismaClient, withDatabase } from '@app/db';
import { QueueName } from '@app/queue';
import { enqueueReplanned, replanAudits } from '@app/reminders';
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  DRAFT_RESPONSE,
  REFERENCE_AUDIT,
  REQUESTS,
  SUBJECTS,
} from '../prisma/seed/reference-case';
import { DEMO_PRODUCTION } from '../prisma/seed/demo-production';
import { describeSeed } from '../prisma/seed/seed-demo';
import { newUser } from './support/factories';
import { delayedDigests, digestJobs, noDigestJobs } from './support/reminder-jobs';

const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!('AUDITDESK_PASSWORD' in env)) delete childEnv.AUDITDESK_PASSWORD;
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['apps/cli/src/main.ts', ...args], { cwd: ROOT, env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: stdout.trim(), stderr: stderr.trim() }));
  });
}

/** A refusal is one line on stderr, exit code 1, and nothing that looks like a stack. */
function expectRefusal(run: CliRun, message: string | RegExp): void {
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr.split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(typeof message === 'string' ? `error: ${message}` : message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('admin CLI', () => {
  let prisma: PrismaClient;
  const unique = randomUUID().slice(0, 8);
  const email = `cli-user-${unique}@example.com`;
  const auditReference = `CLI-TEST-${unique}`;
  const storedUser = () => prisma.user.findUniqueOrThrow({ where: { email } });

  beforeAll(async () => {
    prisma = createPrismaClient(process.env.DATABASE_URL!);
    await prisma.audit.create({
      data: {
        title: 'CLI test audit',
        referenceCode: auditReference,
        demandingParty: 'Licensor Ltd',
        respondingParty: 'Licensee Inc',
        agreementTitle: 'Licence agreement',
        receivedOn: new Date('2024-01-10T00:00:00.000Z'),
        responseDeadline: new Date('2024-02-01T17:00:00.000Z'),
        deadlineTimeZone: 'Europe/London',
      },
    });
  });

  afterAll(() => prisma.$disconnect());

  it('creates a user with a generated password, printed once', async () => {
    const run = await cli([
      'user:create',
      '--email',
      `  CLI-User-${unique}@Example.com`,
      '--name',
      'Cli User',
      '--time-zone',
      'Europe/Dublin',
    ]);

    expect(run).toMatchObject({ code: 0, stderr: '' });
    const match = run.stdout.match(
      new RegExp(`^Created user ${email} \\(MEMBER, Europe/Dublin\\)\\. Generated password \\(shown once\\): (\\S+)$`),
    );
    expect(match).not.toBeNull();
    const user = await storedUser();
    expect(user).toMatchObject({ name: 'Cli User', timeZone: 'Europe/Dublin', orgRole: 'MEMBER', active: true });
    expect(await verifyPassword(user.passwordHash, match![1])).toBe(true);
  });

  it('refuses a second user with the same email', async () => {
    expectRefusal(
      await cli(['user:create', '--email', email.toUpperCase(), '--name', 'Again', '--password', 'long-enough-1']),
      `A user with email ${email} already exists.`,
    );
  });

  it('resets the password from AUDITDESK_PASSWORD and ends the sessions', async () => {
    // Its own user with a known first password, so the old password can be tried afterwards.
    const resetEmail = `cli-reset-${unique}@example.com`;
    const created = await cli(['user:create', '--email', resetEmail, '--name', 'Reset Me'], {
      AUDITDESK_PASSWORD: 'first-password-from-env',
    });
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const before = await prisma.user.findUniqueOrThrow({ where: { email: resetEmail } });
    expect(await verifyPassword(before.passwordHash, 'first-password-from-env')).toBe(true);
    await prisma.session.create({
      data: { userId: before.id, tokenHash: `cli-test-${unique}`, expiresAt: new Date(Date.now() + 3_600_000) },
    });

    const run = await cli(['user:reset-password', '--email', resetEmail], {
      AUDITDESK_PASSWORD: 'new-password-from-env',
    });

    expect(run).toEqual({ code: 0, stdout: `Password reset for ${resetEmail}; 1 session(s) ended.`, stderr: '' });
    const after = await prisma.user.findUniqueOrThrow({ where: { email: resetEmail } });
    expect(await verifyPassword(after.passwordHash, 'new-password-from-env')).toBe(true);
    expect(await verifyPassword(after.passwordHash, 'first-password-from-env')).toBe(false);
    expect(await prisma.session.count({ where: { userId: after.id } })).toBe(0);
  });

  it('grants an audit role, then changes it', async () => {
    const first = await cli(['member:grant', '--email', email, '--audit', auditReference, '--role', 'viewer']);
    expect(first).toEqual({ code: 0, stdout: `${email} is VIEWER on audit ${auditReference}.`, stderr: '' });

    // A reference is the same whatever its case; the output gives it as stored.
    const second = await cli([
      'member:grant',
      '--email',
      email,
      '--audit',
      auditReference.toLowerCase(),
      '--role',
      'COUNSEL',
    ]);
    expect(second.stdout).toBe(`${email} is COUNSEL on audit ${auditReference} (was VIEWER).`);

    const user = await storedUser();
    const audit = await prisma.audit.findUniqueOrThrow({ where: { referenceCode: auditReference } });
    const member = await prisma.auditMember.findUniqueOrThrow({
      where: { auditId_userId: { auditId: audit.id, userId: user.id } },
    });
    expect(member.role).toBe('COUNSEL');
    const grants = await prisma.activityEvent.findMany({
      where: { auditId: audit.id, entityType: 'member', action: 'granted', entityId: user.id },
    });
    expect(grants).toHaveLength(2);
  });

  it('deactivates a user, ending their sessions, API tokens and pending links as the admin API does, and reactivates them', async () => {
    const userId = (await storedUser()).id;
    const later = new Date(Date.now() + 86_400_000);
    await prisma.session.create({ data: { userId, tokenHash: `cli-session-${unique}`, expiresAt: later } });
    await prisma.apiToken.create({ data: { userId, name: 'Script', tokenHash: `cli-token-${unique}` } });
    await prisma.invitation.create({ data: { userId, tokenHash: `cli-invitation-${unique}`, expiresAt: later } });
    await prisma.passwordReset.create({ data: { userId, tokenHash: `cli-reset-${unique}`, expiresAt: later } });

    expect((await cli(['user:deactivate', '--email', email])).stdout).toBe(`Deactivated ${email}.`);
    expect((await storedUser()).active).toBe(false);
    expect(await prisma.session.count({ where: { userId } })).toBe(0);
    const stillValid = { userId, revokedAt: null };
    expect(
      await Promise.all([
        prisma.apiToken.count({ where: stillValid }),
        prisma.invitation.count({ where: stillValid }),
        prisma.passwordReset.count({ where: stillValid }),
      ]),
    ).toEqual([0, 0, 0]);
    expect((await cli(['user:activate', '--email', email])).stdout).toBe(`Activated ${email}.`);
    expect((await storedUser()).active).toBe(true);
  });

  describe('re-planning reminders as the API does', () => {
    let queue: Queue;
    beforeAll(() => {
      queue = new Queue(QueueName.Reminders, {
        connection: { url: process.env.REDIS_URL || 'redis://127.0.0.1:6379' },
        prefix: process.env.QUEUE_PREFIX,
      });
    });
    afterAll(() => queue.close());

    /**
     * An audit planned (rows and jobs) as the API would have, on the system clock the CLI uses:
     * lead counsel, and a contributor assigned its one cell. No daily chasing, so the plan does
     * not depend on the instant it is made at.
     */
    async function plannedAudit() {
      const lead = await newUser(prisma, { label: 'cli-lead' });
      const owner = await newUser(prisma, { label: 'cli-owner' });
      const now = new Date();
      const day = (days: number) =>
        new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
      const audit = await prisma.audit.create({
        data: {
          title: 'CLI reminders audit',
          referenceCode: `CLI-REM-${randomUUID().slice(0, 8)}`,
          demandingParty: 'Licensor Ltd',
          respondingParty: 'Licensee Inc',
          agreementTitle: 'Licence agreement',
          receivedOn: day(-5),
          responseDeadline: new Date(day(20).getTime() + 17 * 3_600_000),
          deadlineTimeZone: 'UTC',
          reminderPolicy: { afterDueDaily: false },
          members: {
            create: [
              { userId: lead.id, role: 'LEAD_COUNSEL' },
              { userId: owner.id, role: 'CONTRIBUTOR' },
            ],
          },
          subjects: { create: { name: 'Outlook', position: 1 } },
          requests: { create: { ordinal: 1, title: 'Privacy policy', text: 'The privacy policy.' } },
        },
        include: { subjects: true, requests: true },
      });
      await prisma.response.create({
        data: {
          auditId: audit.id,
          subjectId: audit.subjects[0].id,
          requestId: audit.requests[0].id,
          assigneeId: owner.id,
          dueDate: day(15),
        },
      });
      const planned = await prisma.$transaction((tx) => replanAudits(tx, [audit.id], now, { quietAfterDays: 30 }));
      await enqueueReplanned(prisma, queue, { auditIds: [audit.id], superseded: planned.superseded }, now, {
        attempts: 5,
        retryDelayMs: 30_000,
      });
      /** A person's SCHEDULED digests of this audit (one per send time), in time order. */
      const digestsOf = async (userId: string) =>
        (
          await prisma.reminder.findMany({
            where: { auditId: audit.id, recipientId: userId, status: 'SCHEDULED' },
            distinct: ['recipientId', 'sendAt'],
            select: { recipientId: true, sendAt: true },
            orderBy: { sendAt: 'asc' },
          })
        ).map((k) => ({ recipientId: k.recipientId, sendAt: k.sendAt.toISOString() }));
      return { audit, lead, owner, now, digestsOf };
    }

    /** The digests' jobs wait in BullMQ until their send times (enqueued at some instant the test does not know). */
    const expectDelayed = async (digests: { recipientId: string; sendAt: string }[]) => {
      expect(digests.length).toBeGreaterThan(0);
      expect((await digestJobs(queue, digests)).map((j) => [j.state, j.data])).toEqual(
        digests.map((k) => ['delayed', { recipientId: k.recipientId, sendAt: k.sendAt }]),
      );
    };

    it("deactivating re-plans the person's reminders as the admin API does: theirs cancelled and unqueued, the others' kept; activating plans them again", async () => {
      const { lead, owner, now, digestsOf } = await plannedAudit();
      const ownerDigests = await digestsOf(owner.id);
      const leadDigests = await digestsOf(lead.id);
      // Each person's next digest is what is stored.
      expect(ownerDigests).toHaveLength(1);
      expect(await digestJobs(queue, ownerDigests)).toEqual(delayedDigests(ownerDigests, now));

      expect(await cli(['user:deactivate', '--email', owner.email])).toEqual({
        code: 0,
        stdout: `Deactivated ${owner.email}.`,
        stderr: '',
      });
      expect(await digestsOf(owner.id)).toEqual([]);
      expect(await digestJobs(queue, ownerDigests)).toEqual(noDigestJobs(ownerDigests));
      // Lead counsel's escalations are not theirs to lose.
      expect(await digestsOf(lead.id)).toEqual(leadDigests);
      expect(await digestJobs(queue, leadDigests)).toEqual(delayedDigests(leadDigests, now));

      expect((await cli(['user:activate', '--email', owner.email])).stdout).toBe(`Activated ${owner.email}.`);
      expect(await digestsOf(owner.id)).toEqual(ownerDigests);
      await expectDelayed(ownerDigests);
    });

    it('granting lead counsel plans their escalations and queues them; another role takes them away again', async () => {
      const { audit, lead, owner, digestsOf } = await plannedAudit();
      const colleague = await newUser(prisma, { label: 'cli-colleague' });
      const grant = (role: string) =>
        cli(['member:grant', '--email', colleague.email, '--audit', audit.referenceCode, '--role', role]);
      const ownerDigests = await digestsOf(owner.id);

      expect((await grant('LEAD_COUNSEL')).code).toBe(0);
      const escalations = await digestsOf(colleague.id);
      // The same escalation days as the first lead counsel (both in UTC).
      expect(escalations.map((d) => d.sendAt)).toEqual((await digestsOf(lead.id)).map((d) => d.sendAt));
      await expectDelayed(escalations);

      expect(await grant('counsel')).toMatchObject({ code: 0, stderr: '' });
      expect(await digestsOf(colleague.id)).toEqual([]);
      expect(await digestJobs(queue, escalations)).toEqual(noDigestJobs(escalations));
      // The contributor's reminders never moved.
      expect(await digestsOf(owner.id)).toEqual(ownerDigests);
    });
  });

  it('sets the org role, records the change, and says so again without a change when it is already set', async () => {
    const roleEmail = `cli-role-${unique}@example.com`;
    expect(
      await cli(['user:create', '--email', roleEmail, '--name', 'Role Holder', '--password', 'long-enough-1']),
    ).toMatchObject({ code: 0, stderr: '' });
    const user = await prisma.user.findUniqueOrThrow({ where: { email: roleEmail } });
    expect(user.orgRole).toBe('MEMBER');

    expect(await cli(['user:set-role', '--email', roleEmail.toUpperCase(), '--role', 'admin'])).toEqual({
      code: 0,
      stdout: `${roleEmail} now has org role ADMIN.`,
      stderr: '',
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { email: roleEmail } })).orgRole).toBe('ADMIN');
    // Asking for the role it already has changes nothing and records nothing.
    expect((await cli(['user:set-role', '--email', roleEmail, '--role', 'ADMIN'])).stdout).toBe(
      `${roleEmail} now has org role ADMIN.`,
    );
    expect(await cli(['user:set-role', '--email', roleEmail, '--role', 'MEMBER'])).toEqual({
      code: 0,
      stdout: `${roleEmail} now has org role MEMBER.`,
      stderr: '',
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { email: roleEmail } })).orgRole).toBe('MEMBER');

    const changes = await prisma.activityEvent.findMany({
      where: { entityType: 'user', entityId: user.id, action: 'updated' },
      orderBy: { id: 'asc' },
    });
    expect(changes.map((e) => e.changes)).toEqual([
      { orgRole: { before: 'MEMBER', after: 'ADMIN' } },
      { orgRole: { before: 'ADMIN', after: 'MEMBER' } },
    ]);
    expectRefusal(
      await cli(['user:set-role', '--email', roleEmail, '--role', 'OWNER']),
      '"OWNER" is not an organisation role; use one of ADMIN, MEMBER.',
    );
    expect((await prisma.user.findUniqueOrThrow({ where: { email: roleEmail } })).orgRole).toBe('MEMBER');
  }, 240_000);

  it('lists every user, by email, one line each with role, state, zone and name', async () => {
    const listed = [
      { email: `cli-list-b-${unique}@example.com`, name: 'Bea Listed', zone: 'Asia/Tokyo', admin: true },
      { email: `cli-list-a-${unique}@example.com`, name: 'Ada Listed', zone: 'Europe/Paris', admin: false },
    ];
    for (const u of listed) {
      const args = ['user:create', '--email', u.email, '--name', u.name, '--time-zone', u.zone];
      expect(await cli([...args, '--password', 'long-enough-1', ...(u.admin ? ['--admin'] : [])])).toMatchObject({
        code: 0,
      });
    }
    expect((await cli(['user:deactivate', '--email', listed[1].email])).code).toBe(0);

    const run = await cli(['user:list']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    const total = await prisma.user.count();
    expect(lines).toHaveLength(total + 1);
    expect(lines.at(-1)).toBe(`${total} user(s).`);
    expect(lines.filter((line) => line.includes(`-${unique}@`) && line.startsWith('cli-list-'))).toEqual([
      `${listed[1].email.padEnd(34)} MEMBER inactive Europe/Paris         Ada Listed`,
      `${listed[0].email.padEnd(34)} ADMIN  active   Asia/Tokyo           Bea Listed`,
    ]);
  });

  it('seeds the demo into an empty database once; a second run changes nothing', async () => {
    // A database of its own: whether the shared test database holds the demo already depends
    // on which specs ran before.
    const baseUrl = process.env.DATABASE_URL!;
    const database = `${parseDatabaseUrl(baseUrl).pool.database}_cli_seed_${unique}`;
    const seedUrl = withDatabase(baseUrl, database);
    const admin = new pg.Client(parseDatabaseUrl(withDatabase(baseUrl, 'postgres')).pool);
    await admin.connect();
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
    const seeded = createPrismaClient(seedUrl);
    // The seed stores the files of the demo production: in a directory of this test's own.
    const storageDir = mkdtempSync(path.join(tmpdir(), 'auditdesk-cli-seed-'));
    try {
      const migrate = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: seedUrl },
        encoding: 'utf8',
      });
      expect(migrate.status).toBe(0);

      const first = await cli(['seed:demo'], { DATABASE_URL: seedUrl, STORAGE_DIR: storageDir });
      expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
      const audit = await seeded.audit.findUniqueOrThrow({
        where: { referenceCode: REFERENCE_AUDIT.referenceCode },
        include: { _count: true },
      });
      expect(audit._count.subjects).toBe(SUBJECTS.length);
      expect(audit._count.requests).toBe(REQUESTS.length);
      expect(audit._count.responses).toBeGreaterThan(0);
      expect(await seeded.user.count()).toBe(DEMO_USERS.length);
      const comments = await seeded.comment.count();
      expect(first.stdout.split('\n')).toEqual(
        describeSeed({
          created: true,
          referenceCode: REFERENCE_AUDIT.referenceCode,
          auditId: audit.id,
          counts: {
            usersCreated: DEMO_USERS.length,
            usersReused: 0,
            members: audit._count.members,
            provisions: audit._count.provisions,
            subjects: SUBJECTS.length,
            requests: REQUESTS.length,
            responses: audit._count.responses,
            comments,
            evidence: audit._count.evidence,
            dispositions: DRAFT_RESPONSE.dispositions.length,
            files: DEMO_PRODUCTION.files.length,
            productions: await seeded.production.count(),
            privilegeLogEntries: await seeded.privilegeLogEntry.count(),
            correspondence: audit._count.correspondence,
            formTemplates: await seeded.formTemplate.count(),
            forms: await seeded.requestForm.count(),
            formAnswers: await seeded.response.count({ where: { formValues: { not: Prisma.DbNull } } }),
          },
        }),
      );
      // The printed demo logins work with the printed password.
      for (const demoUser of DEMO_USERS) {
        const stored = await seeded.user.findUniqueOrThrow({ where: { email: demoUser.email } });
        expect([demoUser.email, await verifyPassword(stored.passwordHash, DEMO_PASSWORD)]).toEqual([
          demoUser.email,
          true,
        ]);
      }

      const rowsBefore = await Promise.all([
        seeded.audit.count(),
        seeded.response.count(),
        seeded.activityEvent.count(),
      ]);
      const second = await cli(['seed:demo'], { DATABASE_URL: seedUrl, STORAGE_DIR: storageDir });
      expect(second).toEqual({
        code: 0,
        stdout: describeSeed({ created: false, referenceCode: REFERENCE_AUDIT.referenceCode }).join('\n'),
        stderr: '',
      });
      expect(second.stdout.split('\n')[0]).toBe(
        `Demo audit ${REFERENCE_AUDIT.referenceCode} already exists; nothing changed.`,
      );
      expect(await Promise.all([seeded.audit.count(), seeded.response.count(), seeded.activityEvent.count()])).toEqual(
        rowsBefore,
      );
    } finally {
      await seeded.$disconnect();
      rmSync(storageDir, { recursive: true, force: true });
      await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(database)} WITH (FORCE)`);
      await admin.end();
    }
  }, 300_000);

  it('refuses bad input with a one-line message and exit code 1', async () => {
    const runs = await Promise.all([
      cli(['user:create', '--email', 'not-an-email', '--name', 'Nobody', '--password', 'long-enough-1']),
      cli(['member:grant', '--email', email, '--audit', auditReference, '--role', 'OVERLORD']),
      cli(['member:grant', '--email', email, '--audit', `NO-SUCH-${unique}`, '--role', 'VIEWER']),
      cli(['user:set-role', '--email', `nobody-${unique}@example.com`, '--role', 'ADMIN']),
      cli(['user:create', '--email', `short-${unique}@example.com`, '--name', 'Short', '--password', 'short']),
    ]);
    expectRefusal(runs[0], '"not-an-email" is not a valid email address.');
    expectRefusal(runs[1], '"OVERLORD" is not an audit role; use one of LEAD_COUNSEL, COUNSEL, CONTRIBUTOR, VIEWER.');
    expectRefusal(runs[2], `No audit has reference code NO-SUCH-${unique}.`);
    expectRefusal(runs[3], `No user has email nobody-${unique}@example.com.`);
    expectRefusal(runs[4], 'A password needs at least 10 characters.');
    expect(await prisma.user.count({ where: { email: { in: ['not-an-email', `short-${unique}@example.com`] } } })).toBe(
      0,
    );
  });
});
