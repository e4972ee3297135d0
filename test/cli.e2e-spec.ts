// The admin CLI as a person runs it: a child process (`tsx apps/cli/src/main.ts ...`)
// against the test database, checked through the database.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { verifyPassword } from '@app/accounts';
import { createPrismaClient, type PrismaClient } from '@app/db';

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
  }, 30_000);

  it('refuses a second user with the same email', async () => {
    expectRefusal(
      await cli(['user:create', '--email', email.toUpperCase(), '--name', 'Again', '--password', 'long-enough-1']),
      `A user with email ${email} already exists.`,
    );
  }, 30_000);

  it('resets the password from AUDITDESK_PASSWORD and ends the sessions', async () => {
    const before = await storedUser();
    await prisma.session.create({
      data: { userId: before.id, tokenHash: `cli-test-${unique}`, expiresAt: new Date(Date.now() + 3_600_000) },
    });

    const run = await cli(['user:reset-password', '--email', email], { AUDITDESK_PASSWORD: 'new-password-from-env' });

    expect(run).toEqual({ code: 0, stdout: `Password reset for ${email}; 1 session(s) ended.`, stderr: '' });
    const after = await storedUser();
    expect(await verifyPassword(after.passwordHash, 'new-password-from-env')).toBe(true);
    expect(await verifyPassword(after.passwordHash, before.passwordHash ?? '')).toBe(false);
    expect(await prisma.session.count({ where: { userId: after.id } })).toBe(0);
  }, 30_000);

  it('grants an audit role, then changes it', async () => {
    const first = await cli(['member:grant', '--email', email, '--audit', auditReference, '--role', 'viewer']);
    expect(first).toEqual({ code: 0, stdout: `${email} is VIEWER on audit ${auditReference}.`, stderr: '' });

    const second = await cli(['member:grant', '--email', email, '--audit', auditReference, '--role', 'COUNSEL']);
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
  }, 30_000);

  it('deactivates and reactivates a user', async () => {
    expect((await cli(['user:deactivate', '--email', email])).stdout).toBe(`Deactivated ${email}.`);
    expect((await storedUser()).active).toBe(false);
    expect((await cli(['user:activate', '--email', email])).stdout).toBe(`Activated ${email}.`);
    expect((await storedUser()).active).toBe(true);
  }, 30_000);

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
  }, 60_000);
});
