// A worker stopped (SIGTERM: Nest's shutdown hooks) while a digest is being sent finishes that
// send before its SMTP connections close: the digest is delivered and recorded, not failed and
// sent late by the next worker. The SMTP server started here answers slowly, so the stop lands
// while the message is in flight.
import type { Queue } from 'bullmq';
import { PrismaService } from '@app/db';
import { FixedClock, ReminderStatus } from '@app/domain';
import { digestJobId } from '@app/queue';
import { createTestApp, type TestApp } from '../support/app';
import { addMember, addRequest, addSubject, grid, newAuditViaApi, newUser, tokenAgent } from '../support/factories';
import { eventually } from '../support/eventually';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { createTestWorker, type TestWorker } from '../support/worker';

describe('stopping the worker mid-send', () => {
  let sink: SmtpSink;
  let clock: FixedClock;
  let api: TestApp;
  let worker: TestWorker | undefined;
  let prisma: PrismaService;
  let queue: Queue;

  beforeAll(async () => {
    sink = await startSmtpSink();
    clock = new FixedClock(new Date('2023-05-30T08:00:00Z'));
    api = await createTestApp({ clock, env: { SMTP_URL: sink.url } });
    prisma = api.prisma;
    worker = await createTestWorker({ clock, env: { SMTP_URL: sink.url } });
    queue = worker.queue;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
  });

  it('lets the send in flight finish, delivered and recorded, before the mail connections close', async () => {
    const lead = await newUser(prisma, { label: 'lead' });
    const owner = await newUser(prisma, { label: 'owner' });
    const leadAgent = await tokenAgent(api.http, lead);
    const audit = await newAuditViaApi(leadAgent);
    await addMember(leadAgent, audit.id, owner, 'CONTRIBUTOR');
    await addSubject(leadAgent, audit.id);
    await addRequest(leadAgent, audit.id, { title: 'Data processing register' });
    const [cell] = await grid(leadAgent, audit.id);
    const patched = await leadAgent
      .patch(`/api/audits/${audit.id}/responses/${cell.id}`)
      .send({ version: cell.version, assigneeId: owner.id, dueDate: '2023-06-02' });
    expect(patched.status).toBe(200);

    const sendAt = new Date('2023-05-30T09:00:00Z');
    clock.set(sendAt);
    sink.holdMs = 1500;
    await (await queue.getJob(digestJobId(owner.id, sendAt)))!.promote();
    await eventually(
      () => Promise.resolve(sink.receiving),
      (receiving) => receiving === 1,
    );
    // The stop arrives while the server is still holding the message.
    await worker!.close();
    worker = undefined;

    expect(sink.to(owner.email)).toHaveLength(1);
    const rows = await prisma.reminder.findMany({ where: { recipientId: owner.id, sendAt } });
    expect(rows.map((r) => ({ status: r.status, lastError: r.lastError }))).toEqual([
      { status: ReminderStatus.SENT, lastError: null },
    ]);
  });
});
