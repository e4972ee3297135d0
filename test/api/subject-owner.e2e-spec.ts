// A subject's owner set or changed after its responses exist: the open work that followed the
// old owner (or nobody's) follows the new one, in the same transaction as the edit, recorded
// and re-planned as bulk staffing is; done work and work assigned by hand to someone else stay.
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '@app/queue';
import { createTestApp, type TestApp } from '../support/app';
import {
  addMember,
  addRequest,
  addSubject,
  expectProblem,
  type Agent,
  grid,
  newAuditViaApi,
  newUser,
  type TestUser,
  tokenAgent,
} from '../support/factories';
import { multipart } from '../support/multipart';
import { delayedDigests, digestJobs } from '../support/reminder-jobs';

const NOW = '2023-05-25T12:00:00.000Z';

describe("a subject's new owner", () => {
  let t: TestApp;
  let lead: TestUser;
  let previous: TestUser;
  let next: TestUser;
  let other: TestUser;
  let asLead: Agent;
  let asPrevious: Agent;

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    lead = await newUser(t.prisma, { label: 'lead', timeZone: 'America/New_York' });
    previous = await newUser(t.prisma, { label: 'old-owner', timeZone: 'America/Los_Angeles' });
    next = await newUser(t.prisma, { label: 'new-owner', timeZone: 'America/Los_Angeles' });
    other = await newUser(t.prisma, { label: 'other', timeZone: 'America/Los_Angeles' });
    asLead = await tokenAgent(t.http, lead);
    asPrevious = await tokenAgent(t.http, previous);
  });
  afterAll(() => t.close());

  const edit = (auditId: string, id: string, body: Record<string, unknown>) =>
    asLead.patch(`/api/audits/${auditId}/responses/${id}`).send(body);

  it('takes over the open responses that were unassigned or the previous owner’s, and nothing else', async () => {
    const audit = await newAuditViaApi(asLead, {
      responseDeadline: '2023-06-07T17:00',
      deadlineTimeZone: 'America/New_York',
    });
    const auditId = audit.id as string;
    for (const user of [previous, next, other]) await addMember(asLead, auditId, user, 'CONTRIBUTOR');
    const subject = await addSubject(asLead, auditId, { name: 'Bing Search', ownerId: previous.id });
    await addSubject(asLead, auditId, { name: 'Bing Maps', ownerId: previous.id });
    for (let i = 0; i < 5; i++) await addRequest(asLead, auditId);
    const cells = (await grid(asLead, auditId)).filter((c) => c.subject.id === subject.id);
    const [stillOld, unassigned, approved, byHand, reviewedByNext] = cells;
    expect(cells.every((c) => c.assignee?.id === previous.id)).toBe(true);

    expect((await edit(auditId, unassigned.id, { version: 1, assigneeId: null })).status).toBe(200);
    expect((await edit(auditId, byHand.id, { version: 1, assigneeId: other.id })).status).toBe(200);
    expect((await edit(auditId, reviewedByNext.id, { version: 1, reviewerId: next.id })).status).toBe(200);
    let res = await asPrevious
      .patch(`/api/audits/${auditId}/responses/${approved.id}`)
      .send({ version: 1, answer: 'Done.', status: 'IN_REVIEW' });
    expect(res.status).toBe(200);
    res = await edit(auditId, approved.id, { version: res.body.version, status: 'APPROVED' });
    expect(res.body.status).toBe('APPROVED');

    const before = await t.prisma.response.findMany({
      where: { auditId },
      select: { id: true, assigneeId: true, reviewerId: true, status: true, version: true },
    });
    const eventsBefore = await t.prisma.activityEvent.count({ where: { auditId, entityType: 'response' } });

    res = await asLead.patch(`/api/audits/${auditId}/subjects/${subject.id}`).send({ ownerId: next.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: subject.id,
      owner: { id: next.id, name: next.name },
      responsesReassigned: 2,
      responsesNotReassigned: 1,
    });

    // The two open responses that followed the owner moved (their version bumped); the approved
    // one, the one assigned by hand, the one the new owner reviews and the other subject's stayed.
    const after = await t.prisma.response.findMany({
      where: { auditId },
      select: { id: true, assigneeId: true, reviewerId: true, status: true, version: true },
    });
    const moved = [stillOld.id, unassigned.id];
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((x, y) => x.id.localeCompare(y.id));
    expect(byId(after)).toEqual(
      byId(before.map((r) => (moved.includes(r.id) ? { ...r, assigneeId: next.id, version: r.version + 1 } : r))),
    );

    // The activity log holds one response event per moved response, as bulk staffing writes them,
    // and the subject's own edit.
    const events = await t.prisma.activityEvent.findMany({
      where: { auditId, entityType: 'response', entityId: { in: moved } },
      select: { entityId: true, action: true, actorId: true, changes: true },
    });
    const handedOver = events.filter(
      (e) => (e.changes as { assigneeId?: { after: string } } | null)?.assigneeId?.after === next.id,
    );
    expect(handedOver).toHaveLength(2);
    expect(handedOver).toEqual(
      expect.arrayContaining([
        {
          entityId: stillOld.id,
          action: 'updated',
          actorId: lead.id,
          changes: { assigneeId: { before: previous.id, after: next.id } },
        },
        {
          entityId: unassigned.id,
          action: 'updated',
          actorId: lead.id,
          changes: { assigneeId: { before: null, after: next.id } },
        },
      ]),
    );
    expect(await t.prisma.activityEvent.count({ where: { auditId, entityType: 'response' } })).toBe(eventsBefore + 2);
    const subjectEvent = await t.prisma.activityEvent.findFirst({
      where: { auditId, entityType: 'subject', entityId: subject.id, action: 'updated' },
      select: { changes: true },
    });
    expect(subjectEvent?.changes).toEqual({ ownerId: { before: previous.id, after: next.id } });

    // Reminders were re-planned after commit: the new owner's next digest lists the two
    // responses, and its job waits in Redis.
    const digests = await t.prisma.reminder.findMany({
      where: { auditId, recipientId: next.id, status: 'SCHEDULED' },
      select: { recipientId: true, sendAt: true, itemIds: true },
    });
    expect(digests.map((r) => [...r.itemIds].sort())).toEqual([[...moved].sort()]);
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Reminders));
    const keys = digests.map((r) => ({ recipientId: r.recipientId, sendAt: r.sendAt }));
    expect(await digestJobs(queue, keys)).toEqual(delayedDigests(keys, t.clock.now()));

    // An edit that leaves the owner as it is moves nothing.
    res = await asLead.patch(`/api/audits/${auditId}/subjects/${subject.id}`).send({ product: 'Bing' });
    expect(res.body).toMatchObject({ product: 'Bing', responsesReassigned: 0, responsesNotReassigned: 0 });
  });

  it('changes the owner only when asked to (handOverOpenWork: false): every response keeps its assignee', async () => {
    const audit = await newAuditViaApi(asLead);
    const auditId = audit.id as string;
    await addMember(asLead, auditId, next, 'CONTRIBUTOR');
    const subject = await addSubject(asLead, auditId, { name: 'Xbox' });
    await addRequest(asLead, auditId);
    const before = await t.prisma.response.findMany({ where: { auditId }, select: { id: true, assigneeId: true } });
    expect(before.map((r) => r.assigneeId)).toEqual([null]);

    const res = await asLead
      .patch(`/api/audits/${auditId}/subjects/${subject.id}`)
      .send({ ownerId: next.id, handOverOpenWork: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ owner: { id: next.id }, responsesReassigned: 0, responsesNotReassigned: 0 });
    expect(await t.prisma.response.findMany({ where: { auditId }, select: { id: true, assigneeId: true } })).toEqual(
      before,
    );
    const bad = await asLead
      .patch(`/api/audits/${auditId}/subjects/${subject.id}`)
      .send({ ownerId: null, handOverOpenWork: 'no' });
    expectProblem(bad, 400, 'VALIDATION_FAILED', ['handOverOpenWork']);
  });

  it('gives a subject that had no owner its unassigned open responses', async () => {
    const audit = await newAuditViaApi(asLead);
    const auditId = audit.id as string;
    await addMember(asLead, auditId, next, 'CONTRIBUTOR');
    await addMember(asLead, auditId, other, 'CONTRIBUTOR');
    const subject = await addSubject(asLead, auditId, { name: 'Xbox' });
    await addRequest(asLead, auditId);
    await addRequest(asLead, auditId);
    const [open, byHand] = await grid(asLead, auditId);
    expect((await edit(auditId, byHand.id, { version: 1, assigneeId: other.id })).status).toBe(200);

    const res = await asLead.patch(`/api/audits/${auditId}/subjects/${subject.id}`).send({ ownerId: next.id });
    expect(res.body).toMatchObject({ responsesReassigned: 1, responsesNotReassigned: 0 });
    const stored = await t.prisma.response.findMany({ where: { auditId }, select: { id: true, assigneeId: true } });
    expect(stored).toEqual(
      expect.arrayContaining([
        { id: open.id, assigneeId: next.id },
        { id: byHand.id, assigneeId: other.id },
      ]),
    );
  });

  it('moves the work of a subject a list import gives a new owner, said in the preview first', async () => {
    const audit = await newAuditViaApi(asLead, {
      responseDeadline: '2023-06-07T17:00',
      deadlineTimeZone: 'America/New_York',
    });
    const auditId = audit.id as string;
    for (const user of [previous, next, other]) await addMember(asLead, auditId, user, 'CONTRIBUTOR');
    const subject = await addSubject(asLead, auditId, { name: 'Bing Search', ownerId: previous.id });
    await addRequest(asLead, auditId);
    await addRequest(asLead, auditId);
    const [follows, byHand] = await grid(asLead, auditId);
    expect((await edit(auditId, byHand.id, { version: 1, assigneeId: other.id })).status).toBe(200);

    const list = Buffer.from(`Name,Owner email\r\nBing Search,${next.email}\r\n`, 'utf8');
    const importList = (dryRun: boolean) => {
      const form = multipart([], { fileName: 'subjects.csv', content: list, contentType: 'text/csv' });
      return asLead
        .post(`/api/audits/${auditId}/subjects/import${dryRun ? '?dryRun=true' : ''}`)
        .set('Content-Type', form.contentType)
        .send(form.body);
    };
    const assignees = async () =>
      (await t.prisma.response.findMany({ where: { subjectId: subject.id }, select: { id: true, assigneeId: true } }))
        .map((r) => [r.id, r.assigneeId])
        .sort();

    const preview = await importList(true);
    expect(preview.body.rows).toMatchObject([{ name: 'Bing Search', outcome: 'updated', responsesReassigned: 1 }]);
    expect(await assignees()).toEqual(
      [
        [follows.id, previous.id],
        [byHand.id, other.id],
      ].sort(),
    );

    const done = await importList(false);
    expect(done.body.rows).toMatchObject([{ outcome: 'updated', responsesReassigned: 1 }]);
    expect(await assignees()).toEqual(
      [
        [follows.id, next.id],
        [byHand.id, other.id],
      ].sort(),
    );
    const digests = await t.prisma.reminder.findMany({
      where: { auditId, recipientId: next.id, status: 'SCHEDULED' },
      select: { itemIds: true },
    });
    expect(digests.map((r) => r.itemIds)).toEqual([[follows.id]]);
  });
});
