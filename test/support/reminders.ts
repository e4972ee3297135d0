// Helpers of the reminders specs: waiting ones, which poll for an outcome (a job done, a row's
// state) and never assert how long it took, and the API specs' reference case and listing.
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { ReminderStatus } from '@app/domain';
import { closeDigestRows, replanAudits } from '@app/reminders';
import type { TestApp } from './app';
import {
  addMember,
  addRequest,
  addSubject,
  type Agent,
  grid,
  newAuditViaApi,
  newUser,
  type TestUser,
  tokenAgent,
} from './factories';

/** Waits until the job has run to its end: gone (removed on completion) or completed/failed. */
export async function jobGone(queue: Queue, jobId: string, timeoutMs = 45_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await queue.getJob(jobId);
    if (!job || ['completed', 'failed'].includes(await job.getState())) return;
    if (Date.now() > until) throw new Error(`job ${jobId} still pending after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The instant the API reminders specs replay from: 18 May 2023 09:00 in New York, before the
 * reference case's deadline (Wed 7 June 2023 17:00 New York).
 */
export const REFERENCE_CASE_NOW = '2023-05-18T13:00:00Z';

/** The reference case of the API reminders specs (see `reminderReferenceCase`). */
export interface ReminderCase {
  /** Lead counsel, New York: escalations and overdue notices. */
  lead: TestUser;
  leadAgent: Agent;
  /** The app owner (contributor), Redmond: the cell's assignee. */
  owner: TestUser;
  ownerAgent: Agent;
  /** Counsel, New York: the cell's reviewer. */
  counsel: TestUser;
  counselAgent: Agent;
  auditId: string;
  /** The one grid cell: assigned to the owner, reviewed by counsel, due Fri 2 June 2023. */
  cellId: string;
}

/**
 * Lead counsel and counsel in New York and the app owner in Redmond, made through the API:
 * an audit due Wed 7 June 2023 17:00 New York with one subject and one request, whose cell
 * is assigned to the owner, reviewed by counsel and due Fri 2 June. Its reminders are planned
 * by the default policy when it returns.
 */
export async function reminderReferenceCase(t: Pick<TestApp, 'prisma' | 'http'>): Promise<ReminderCase> {
  const lead = await newUser(t.prisma, { label: 'lead', timeZone: 'America/New_York' });
  const owner = await newUser(t.prisma, { label: 'owner', timeZone: 'America/Los_Angeles' });
  const counsel = await newUser(t.prisma, { label: 'counsel', timeZone: 'America/New_York' });
  const [leadAgent, ownerAgent, counselAgent] = await Promise.all(
    [lead, owner, counsel].map((u) => tokenAgent(t.http, u)),
  );
  const audit = await newAuditViaApi(leadAgent, {
    responseDeadline: '2023-06-07T17:00',
    deadlineTimeZone: 'America/New_York',
  });
  await addMember(leadAgent, audit.id, owner, 'CONTRIBUTOR');
  await addMember(leadAgent, audit.id, counsel, 'COUNSEL');
  await addSubject(leadAgent, audit.id, { name: `Outlook ${audit.id.slice(0, 4)}` });
  await addRequest(leadAgent, audit.id, { title: 'Privacy policy' });
  const [c] = await grid(leadAgent, audit.id);
  const res = await leadAgent
    .patch(`/api/audits/${audit.id}/responses/${c.id}`)
    .send({ version: c.version, assigneeId: owner.id, reviewerId: counsel.id, dueDate: '2023-06-02' });
  expect(res.status).toBe(200);
  return { lead, leadAgent, owner, ownerAgent, counsel, counselAgent, auditId: audit.id, cellId: c.id };
}

/** A reminder as `GET /api/audits/:auditId/reminders` lists it. */
export interface ReminderBody {
  id: string;
  recipient: { id: string; name: string };
  sendAt: string;
  reasons: string[];
  itemIds: string[];
  status: string;
}

/** The audit's reminders in one status (SCHEDULED unless said), as a member reads them. */
export async function listReminders(agent: Agent, auditId: string, status = 'SCHEDULED'): Promise<ReminderBody[]> {
  const res = await agent.get(`/api/audits/${auditId}/reminders`).query({ status, pageSize: '500' });
  expect(res.status).toBe(200);
  return res.body.items;
}

/** A digest row as `followReminders` saw it go out. */
export interface FollowedReminder {
  recipient: { id: string };
  sendAt: string;
  reasons: string[];
  itemIds: string[];
}

/**
 * Lets an audit's reminders go out, one send time after the other, up to `until`: only each
 * person's next digest is stored, so this is how a spec sees the whole calendar. Each time the
 * clock moves to the earliest SCHEDULED digest, its rows are recorded as the worker records a
 * sent digest (SENT, the plan marked stale, one transaction) and the audit is re-planned as the
 * reconciler's next run does. No mail is sent (the reminders specs under test/reminders send
 * through the real worker). The clock is put back where it was.
 */
export async function followReminders(
  t: Pick<TestApp, 'prisma' | 'clock' | 'app'>,
  auditId: string,
  until: string,
): Promise<FollowedReminder[]> {
  const { REMINDER_QUIET_AFTER_DAYS } = t.app.get(AppConfig);
  const started = t.clock.now();
  const sent: FollowedReminder[] = [];
  try {
    for (;;) {
      const next = await t.prisma.reminder.findFirst({
        where: { auditId, status: ReminderStatus.SCHEDULED, sendAt: { lte: new Date(until) } },
        orderBy: { sendAt: 'asc' },
      });
      if (!next) return sent;
      const due = await t.prisma.reminder.findMany({
        where: { auditId, status: ReminderStatus.SCHEDULED, sendAt: next.sendAt },
        orderBy: { recipientId: 'asc' },
      });
      t.clock.set(next.sendAt);
      await closeDigestRows(t.prisma, due, { status: ReminderStatus.SENT, sentAt: next.sendAt });
      await t.prisma.$transaction((tx) =>
        replanAudits(tx, [auditId], t.clock.now(), { quietAfterDays: REMINDER_QUIET_AFTER_DAYS }),
      );
      for (const r of due)
        sent.push({
          recipient: { id: r.recipientId },
          sendAt: r.sendAt.toISOString(),
          reasons: r.reasons,
          itemIds: r.itemIds,
        });
    }
  } finally {
    t.clock.set(started);
  }
}
