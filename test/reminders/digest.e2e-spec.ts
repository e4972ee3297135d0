// The digest as its reader gets it, and the ways to stop it: the real API plans, a real worker
// sends through a real SMTP server started here, and every email is parsed back. The held
// clock and job promotion work as in delivery.e2e-spec.ts.
import type { Queue } from 'bullmq';
import request from 'supertest';
import { PrismaService } from '@app/db';
import { FixedClock, ReminderStatus } from '@app/domain';
import { digestJobId, SEND_DIGEST_JOB } from '@app/queue';
import { ReminderReconcilerService } from '../../apps/worker/src/reminders/reminder-reconciler.service';
import { createTestApp, type TestApp } from '../support/app';
import {
  addMember,
  addRequest,
  addSubject,
  type Agent,
  expectProblem,
  grid,
  newAuditViaApi,
  newUser,
  type TestUser,
  tokenAgent,
} from '../support/factories';
import { followReminders, jobGone } from '../support/reminders';
import { createTestWorker, type TestWorker } from '../support/worker';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink';

const APP_URL = 'https://audits.example.com';

describe('reminder digests', () => {
  let sink: SmtpSink;
  let clock: FixedClock;
  let api: TestApp;
  let worker: TestWorker;
  let prisma: PrismaService;
  let queue: Queue;

  beforeAll(async () => {
    sink = await startSmtpSink();
    clock = new FixedClock(new Date('2023-05-30T08:00:00Z'));
    // MAIL_FROM unset: the sender is no-reply on the app's host. Both apps sign and check the
    // unsubscribe links with one key; the quiet period is short enough to see its end.
    const env = {
      APP_URL,
      REMINDER_LINK_SECRET: 'e2e-digest-link-secret-0123456789abcdef',
      REMINDER_QUIET_AFTER_DAYS: 5,
    };
    api = await createTestApp({ clock, env: { ...env, MAIL_FROM: undefined } });
    prisma = api.prisma;
    worker = await createTestWorker({ clock, env: { ...env, MAIL_FROM: undefined, SMTP_URL: sink.url } });
    queue = worker.queue;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
  });

  interface Setup {
    lead: TestUser;
    leadAgent: Agent;
    owner: TestUser;
    ownerAgent: Agent;
    auditId: string;
    audit: { demandingParty: string; respondingParty: string; referenceCode: string; title: string };
    cells: Awaited<ReturnType<typeof grid>>;
  }

  /**
   * An audit of `Twitter <n>` against Microsoft due Wed 7 June 2023 17:00 New York, with an owner
   * (UTC) assigned every cell: the first `overdue` due Fri 26 May, the others Fri 2 June.
   */
  async function setup(cells: number, overdue = 0, now = '2023-05-30T08:00:00Z'): Promise<Setup> {
    clock.set(new Date(now));
    const lead = await newUser(prisma, { label: 'lead', timeZone: 'America/New_York' });
    const owner = await newUser(prisma, { label: 'owner' });
    const leadAgent = await tokenAgent(api.http, lead);
    const ownerAgent = await tokenAgent(api.http, owner);
    const audit = await newAuditViaApi(leadAgent, {
      demandingParty: `Twitter ${Math.random().toString(36).slice(2, 7)}`,
      respondingParty: 'Microsoft',
      responseDeadline: '2023-06-07T17:00',
      deadlineTimeZone: 'America/New_York',
    });
    await addMember(leadAgent, audit.id, owner, 'CONTRIBUTOR');
    for (let i = 0; i < cells; i++) await addSubject(leadAgent, audit.id, { name: `App ${i + 1}` });
    await addRequest(leadAgent, audit.id, { title: 'Data processing register' });
    const made = await grid(leadAgent, audit.id);
    for (const [i, c] of made.entries()) {
      const res = await leadAgent
        .patch(`/api/audits/${audit.id}/responses/${c.id}`)
        .send({ version: c.version, assigneeId: owner.id, dueDate: i < overdue ? '2023-05-26' : '2023-06-02' });
      expect(res.status).toBe(200);
    }
    return { lead, leadAgent, owner, ownerAgent, auditId: audit.id, audit, cells: made };
  }

  const at = (iso: string) => new Date(iso);
  const scheduled = (auditId: string, recipientId: string) =>
    prisma.reminder.findMany({
      where: { auditId, recipientId, status: ReminderStatus.SCHEDULED },
      orderBy: { sendAt: 'asc' },
    });

  /** Time reaches the owner's 09:00 digest of Tuesday 30 May; returns the email. */
  async function ownersDigest(s: Setup) {
    const jobId = digestJobId(s.owner.id, at('2023-05-30T09:00:00Z'));
    clock.set(at('2023-05-30T09:00:00Z'));
    await (await queue.getJob(jobId))!.promote();
    const [mail] = await sink.waitFor(s.owner.email, 1);
    await jobGone(queue, jobId);
    return mail;
  }

  /** The reconciler's next run: it plans the next digest of those whose digest went out. */
  const reconcile = () => worker.app.get(ReminderReconcilerService).reconcile();

  /** Runs a digest job as if its time had come (a stale one, left in Redis). */
  async function runDigest(recipientId: string, sendAt: string) {
    const job = await queue.add(SEND_DIGEST_JOB, { recipientId, sendAt }, { jobId: `run-${recipientId}-${sendAt}` });
    await jobGone(queue, job.id!);
  }

  it('names the audit and what is due when, gives each item its reason and status, and says why it came', async () => {
    const s = await setup(4, 1);
    const name = `${s.audit.demandingParty} v. Microsoft audit`;
    const mail = await ownersDigest(s);

    expect(mail.subject).toBe(`${name}: 3 items due Friday, 1 overdue`);
    expect(mail.from).toBe('AuditDesk <no-reply@audits.example.com>');
    const text = mail.text.split('\n').map((l) => l.trim());
    expect(text).toContain(`${name.toUpperCase()} (${s.audit.referenceCode})`);
    expect(text).toContain(`${s.audit.title}: ${s.audit.demandingParty} (demanding) v. Microsoft (responding)`);
    expect(text).toContain('Response deadline Wed 7 Jun 2023, 21:00 UTC (8 days left)');
    // The overdue item first, then the others in grid order, each with its reason.
    const items = text.filter((l) => l.startsWith('- '));
    expect(items).toEqual([1, 2, 3, 4].map((n) => `- App ${n}, request 1: Data processing register`));
    const reasons = items.map((l) => text[text.indexOf(l) + 1]);
    expect(reasons).toEqual([
      'overdue since its due date, Fri 26 May (4 days). Status: Not started. With: you.',
      ...Array(3).fill('due in 3 days (Fri 2 Jun). Status: Not started. With: you.'),
    ]);
    expect(mail.text).not.toContain('NOT_STARTED');
    expect(text).toContain('You receive this because 4 items are assigned to you.');
    expect(mail.text).toContain(`change your zone in your profile: ${APP_URL}/profile`);

    expect(mail.html).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(mail.html).toContain(`<title>${name}: 3 items due Friday, 1 overdue</title>`);
    expect(mail.html).toContain('Not started');
    expect(mail.html).not.toMatch(/<style|class="/);
    expect(mail.headers['auto-submitted']).toBe('auto-generated');
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.headers['list-unsubscribe']).toMatch(
      /^<https:\/\/audits\.example\.com\/api\/reminders\/unsubscribe\/[\w-]+\.[\w-]+>$/,
    );
  });

  it("covers a person's two audits in one email, and once it went out plans and sends the next of both, once", async () => {
    const s = await setup(1);
    // A second audit of the same lead, the owner assigned its one cell due the same Friday.
    const other = await newAuditViaApi(s.leadAgent, {
      demandingParty: `Twitter ${Math.random().toString(36).slice(2, 7)}`,
      respondingParty: 'Microsoft',
      responseDeadline: '2023-06-07T17:00',
      deadlineTimeZone: 'America/New_York',
    });
    await addMember(s.leadAgent, other.id, s.owner, 'CONTRIBUTOR');
    await addSubject(s.leadAgent, other.id, { name: 'App B' });
    await addRequest(s.leadAgent, other.id, { title: 'Access logs' });
    const [cell] = await grid(s.leadAgent, other.id);
    const assigned = await s.leadAgent
      .patch(`/api/audits/${other.id}/responses/${cell.id}`)
      .send({ version: cell.version, assigneeId: s.owner.id, dueDate: '2023-06-02' });
    expect(assigned.status).toBe(200);
    const both = [s.auditId, other.id];
    const names = [s.audit.demandingParty, other.demandingParty].map((party) => `${party} v. Microsoft audit`);
    const rowsAt = (sendAt: string) =>
      prisma.reminder.findMany({
        where: { recipientId: s.owner.id, sendAt: at(sendAt) },
        select: { auditId: true, status: true, messageId: true },
        orderBy: { auditId: 'asc' },
      });
    const sentIn = (messageId: string) =>
      [...both].sort().map((auditId) => ({ auditId, status: ReminderStatus.SENT, messageId }));

    // One job, one email, both audits in it; each audit's row records the same message.
    const first = await ownersDigest(s);
    for (const name of names) expect(first.text).toContain(name.toUpperCase());
    expect(first.text).toContain('- App B, request 1: Access logs');
    expect(await rowsAt('2023-05-30T09:00:00Z')).toEqual(sentIn(first.messageId));

    // Both plans are stale, and the reconciler's next run plans the next digest in both.
    expect(await prisma.audit.findMany({ where: { id: { in: both } }, select: { remindersPlannedAt: true } })).toEqual([
      { remindersPlannedAt: null },
      { remindersPlannedAt: null },
    ]);
    await reconcile();
    for (const auditId of both)
      expect((await scheduled(auditId, s.owner.id)).map((r) => r.sendAt)).toEqual([at('2023-05-31T09:00:00Z')]);

    // Its time comes: one more email, again of both audits, and nothing twice.
    const nextJob = digestJobId(s.owner.id, at('2023-05-31T09:00:00Z'));
    clock.set(at('2023-05-31T09:00:00Z'));
    await (await queue.getJob(nextJob))!.promote();
    const [, second] = await sink.waitFor(s.owner.email, 2);
    await jobGone(queue, nextJob);
    for (const name of names) expect(second.text).toContain(name.toUpperCase());
    expect(await rowsAt('2023-05-31T09:00:00Z')).toEqual(sentIn(second.messageId));
    expect(sink.to(s.owner.email)).toHaveLength(2);
  });

  it("turns the person's reminders of the audit off with the one-click link, and nothing more is planned or sent", async () => {
    const s = await setup(1);
    const mail = await ownersDigest(s);
    const path = new URL(mail.headers['list-unsubscribe'].slice(1, -1)).pathname;
    // The digest went out; the reconciler's next run plans the one after it (and queues it).
    expect(await scheduled(s.auditId, s.owner.id)).toEqual([]);
    await reconcile();
    const nextTime = (await scheduled(s.auditId, s.owner.id))[0].sendAt;
    expect(nextTime).toEqual(at('2023-05-31T09:00:00Z'));
    expect(await queue.getJob(digestJobId(s.owner.id, nextTime))).toBeDefined();

    // Opening the link in a browser (or a mail scanner following it) changes nothing.
    const page = await request(api.http).get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`${s.audit.demandingParty} v. Microsoft audit`);
    expect((await scheduled(s.auditId, s.owner.id)).length).toBeGreaterThan(0);

    // A forged or altered link is refused.
    expect((await request(api.http).post(`${path}x`).type('form').send('List-Unsubscribe=One-Click')).status).toBe(404);

    // The mail client's one-click POST (RFC 8058), without a login.
    const post = await request(api.http).post(path).type('form').send('List-Unsubscribe=One-Click');
    expect(post.status).toBe(200);
    expect(post.body).toEqual({
      audits: [{ auditId: s.auditId, name: `${s.audit.demandingParty} v. Microsoft audit`, remindersOff: true }],
    });
    expect(await scheduled(s.auditId, s.owner.id)).toEqual([]);
    expect((await scheduled(s.auditId, s.lead.id)).length).toBeGreaterThan(0);
    expect(await queue.getJob(digestJobId(s.owner.id, nextTime))).toBeUndefined();
    // Again: the same answer, no second change.
    expect((await request(api.http).post(path)).body).toEqual(post.body);

    // A change that re-plans the audit plans nothing for them; their next send time passes and
    // a job left for it sends nothing.
    const [c] = await grid(s.leadAgent, s.auditId);
    const moved = await s.leadAgent
      .patch(`/api/audits/${s.auditId}/responses/${c.id}`)
      .send({ version: c.version, dueDate: '2023-06-05' });
    expect(moved.status).toBe(200);
    expect(await scheduled(s.auditId, s.owner.id)).toEqual([]);
    clock.set(nextTime);
    await runDigest(s.owner.id, nextTime.toISOString());
    expect(sink.to(s.owner.email)).toHaveLength(1);
    expectProblem(
      await s.leadAgent.post(`/api/audits/${s.auditId}/reminders/send-now`).send({ userId: s.owner.id }),
      422,
      'RULE_VIOLATION',
      ['userId'],
    );
    const activity = await prisma.activityEvent.findMany({
      where: { auditId: s.auditId, entityType: 'member', action: 'reminders_turned_off' },
    });
    expect(activity.map((e) => e.actorId)).toEqual([s.owner.id]);

    // They turn them back on in the app.
    expect((await s.ownerAgent.get(`/api/audits/${s.auditId}/reminders/mine`)).body).toEqual({
      enabled: false,
      member: true,
    });
    const on = await s.ownerAgent.put(`/api/audits/${s.auditId}/reminders/mine`).send({ enabled: true });
    expect(on.body).toEqual({ enabled: true, member: true });
    expect((await scheduled(s.auditId, s.owner.id)).length).toBeGreaterThan(0);
    expectProblem(
      await s.ownerAgent.put(`/api/audits/${s.auditId}/reminders/mine`).send({ enabled: 'yes' }),
      400,
      'VALIDATION_FAILED',
      ['enabled'],
    );
  });

  it('expires the one-click link 60 days after the digest: a page and a 410 saying so, pointing to Profile', async () => {
    const s = await setup(1);
    const mail = await ownersDigest(s);
    const path = new URL(mail.headers['list-unsubscribe'].slice(1, -1)).pathname;
    await reconcile();
    expect(await scheduled(s.auditId, s.owner.id)).toHaveLength(1);

    // The last moment it works: the page still offers to stop the reminders.
    clock.set(at('2023-07-29T08:59:59Z'));
    expect((await request(api.http).get(path)).text).toContain('Stop these reminders');

    clock.set(at('2023-07-29T09:00:00Z'));
    const page = await request(api.http).get(path);
    expect(page.status).toBe(410);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('This link has expired');
    expect(page.text).toContain(`<a href="${APP_URL}/profile">Profile</a>`);
    expect(page.text).not.toContain('<form');

    const post = await request(api.http).post(path).type('form').send('List-Unsubscribe=One-Click');
    expectProblem(post, 410, 'GONE');
    expect(post.body.reason).toBe('EXPIRED');
    expect(post.body.detail).toContain('manage your reminders from your Profile');
    // Nothing was turned off.
    expect((await s.ownerAgent.get(`/api/audits/${s.auditId}/reminders/mine`)).body).toEqual({
      enabled: true,
      member: true,
    });
  });

  it('cancels the reminders of a user who is deactivated, and plans them again on reactivation', async () => {
    const s = await setup(1);
    const admin = await newUser(prisma, { label: 'admin', orgRole: 'ADMIN' });
    const adminAgent = await tokenAgent(api.http, admin);
    const before = await scheduled(s.auditId, s.owner.id);
    expect(before.length).toBeGreaterThan(0);

    expect((await adminAgent.patch(`/api/admin/users/${s.owner.id}`).send({ active: false })).status).toBe(200);
    expect(await scheduled(s.auditId, s.owner.id)).toEqual([]);
    expect((await scheduled(s.auditId, s.lead.id)).length).toBeGreaterThan(0);
    expect(await queue.getJob(digestJobId(s.owner.id, before[0].sendAt))).toBeUndefined();
    // A job left in Redis for them sends nothing.
    await runDigest(s.owner.id, '2023-05-30T09:00:00.000Z');
    expect(sink.to(s.owner.email)).toHaveLength(0);

    expect((await adminAgent.patch(`/api/admin/users/${s.owner.id}`).send({ active: true })).status).toBe(200);
    expect((await scheduled(s.auditId, s.owner.id)).map((r) => r.sendAt)).toEqual(before.map((r) => r.sendAt));
  });

  it('sends nothing of an audit counsel paused, even from a digest planned before the pause', async () => {
    const s = await setup(1);
    const [first] = await scheduled(s.auditId, s.owner.id);
    expect(first.sendAt).toEqual(at('2023-05-30T09:00:00Z'));
    // As if counsel paused it after this digest was claimed for planning: the row and its job
    // are still there when the worker runs (the API's pause would also have cancelled them).
    await prisma.audit.update({ where: { id: s.auditId }, data: { remindersPausedAt: clock.now() } });
    await runDigest(s.owner.id, '2023-05-30T09:00:00.000Z');
    expect(sink.to(s.owner.email)).toHaveLength(0);
    expect((await prisma.reminder.findUniqueOrThrow({ where: { id: first.id } })).status).toBe(
      ReminderStatus.CANCELLED,
    );

    // Paused and resumed through the API: planned again from now, and sent.
    await prisma.audit.update({ where: { id: s.auditId }, data: { remindersPausedAt: null } });
    const pause = `/api/audits/${s.auditId}/reminders/pause`;
    expect((await s.leadAgent.put(pause).send({ reason: 'Settlement talks' })).status).toBe(200);
    expect(await scheduled(s.auditId, s.owner.id)).toEqual([]);
    expect((await s.leadAgent.delete(pause)).status).toBe(200);
    const [next] = await scheduled(s.auditId, s.owner.id);
    expect(next.sendAt).toEqual(at('2023-05-30T09:00:00Z'));
    await ownersDigest(s);
  });

  it('stops chasing the quiet period after the deadline, and an audit past it gets nothing', async () => {
    const s = await setup(1);
    const sent = await followReminders(api, s.auditId, '2023-07-31T00:00:00Z');
    const overdue = sent.filter((r) => r.recipient.id === s.owner.id && r.reasons.includes('OVERDUE'));
    // Deadline Wed 7 June 21:00 UTC, quiet period 5 days: the last chase is Mon 12 June, 09:00.
    expect(overdue.map((r) => r.sendAt)).toEqual([
      '2023-06-05T09:00:00.000Z',
      '2023-06-06T09:00:00.000Z',
      '2023-06-07T09:00:00.000Z',
      '2023-06-08T09:00:00.000Z',
      '2023-06-09T09:00:00.000Z',
      '2023-06-12T09:00:00.000Z',
    ]);
    expect(await scheduled(s.auditId, s.owner.id)).toEqual([]);

    // An audit still open two weeks after its deadline, overdue work and all, gets nothing.
    const late = await setup(1, 1, '2023-06-21T12:00:00Z');
    expect(await prisma.reminder.count({ where: { auditId: late.auditId } })).toBe(0);
  });
});
