// The demo seed on a freshly migrated database of this file's own: the reference case arrives
// whole, and a second run changes nothing.
import { findUserByEmail, verifyPassword } from '@app/accounts';
import { createPrismaClient, type PrismaClient } from '@app/db';
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  DRAFT_RESPONSE,
  REFERENCE_AUDIT,
  SUBJECTS,
  type DemoUserKey,
} from '../prisma/seed/reference-case';
import { type SeedResult, seedDemo } from '../prisma/seed/seed-demo';
import { useOwnDatabase } from './support/own-database';

const TABLES = [
  'user',
  'session',
  'apiToken',
  'audit',
  'auditMember',
  'provision',
  'subject',
  'auditRequest',
  'requestSubject',
  'response',
  'comment',
  'evidence',
  'evidenceResponse',
  'requestDisposition',
  'dispositionObjection',
  'responseLetter',
  'activityEvent',
] as const;

describe('demo seed', () => {
  let prisma: PrismaClient;
  let dropDatabase: () => Promise<void>;
  let firstRun: SeedResult;
  const referenceCode = REFERENCE_AUDIT.referenceCode;

  beforeAll(async () => {
    dropDatabase = await useOwnDatabase('seed');
    prisma = createPrismaClient(process.env.DATABASE_URL!);
    firstRun = await seedDemo(prisma);
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await dropDatabase?.();
  });

  it('reports what it created on an empty database', () => {
    expect(firstRun).toMatchObject({
      created: true,
      referenceCode,
      counts: { subjects: 8, requests: 6, responses: 48, provisions: 5 },
    });
  });

  const loadAudit = () => prisma.audit.findUniqueOrThrow({ where: { referenceCode } });
  const userIds = async () => {
    const users = await prisma.user.findMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) } } });
    const byEmail = new Map(users.map((u) => [u.email, u.id]));
    return (key: DemoUserKey) => byEmail.get(DEMO_USERS.find((u) => u.key === key)!.email)!;
  };

  it('creates the audit with its deadline as an instant and the zone it was meant in', async () => {
    const audit = await loadAudit();
    expect(audit).toMatchObject({
      title: REFERENCE_AUDIT.title,
      status: 'OPEN',
      demandingParty: 'Twitter, Inc. (now X Corp.)',
      demandingCounselName: 'Alex Spiro',
      demandingCounselEmail: null,
      respondingParty: 'Microsoft Corporation',
      deadlineTimeZone: 'America/New_York',
    });
    expect(audit.responseDeadline.toISOString()).toBe('2023-06-07T21:00:00.000Z');
    expect(audit.letterDate?.toISOString()).toBe('2023-05-18T00:00:00.000Z');
    expect(audit.periodEnd?.toISOString()).toBe('2023-04-30T00:00:00.000Z');
    expect(audit.notes).toMatch(/approximate/i);
  });

  it('creates the 8 apps in the letter order, with their owners', async () => {
    const audit = await loadAudit();
    const id = await userIds();
    const subjects = await prisma.subject.findMany({ where: { auditId: audit.id }, orderBy: { position: 'asc' } });
    expect(subjects.map((s) => [s.name, s.product, s.ownerId])).toEqual(
      SUBJECTS.map((s) => [s.name, s.product, id(s.owner)]),
    );
  });

  it('creates the 6 requests, each citing its provision', async () => {
    const audit = await loadAudit();
    const requests = await prisma.auditRequest.findMany({
      where: { auditId: audit.id },
      orderBy: { ordinal: 'asc' },
      include: { provision: { select: { reference: true } } },
    });
    expect(requests.map((r) => [r.ordinal, r.provision?.reference, r.appliesToAll])).toEqual([
      [1, 'V', true],
      [2, 'VII', true],
      [3, 'I.B.1', true],
      [4, 'V', true],
      [5, 'XII.C', true],
      [6, 'II.D', true],
    ]);
  });

  it('creates one response per app and request, assigned to the app owner and reviewed by the reviewer', async () => {
    const audit = await loadAudit();
    const id = await userIds();
    const responses = await prisma.response.findMany({ where: { auditId: audit.id }, include: { subject: true } });
    expect(responses).toHaveLength(48);
    expect(new Set(responses.map((r) => `${r.subjectId}:${r.requestId}`)).size).toBe(48);
    for (const r of responses) {
      expect(r.assigneeId).toBe(r.subject.ownerId);
      expect(r.reviewerId).toBe(id('reviewer'));
      expect(r.dueDate?.toISOString().slice(0, 10)).toMatch(/^2023-0(5-31|6-0[12])$/);
    }
  });

  it('puts responses in each state, with approval and comments where the case has them', async () => {
    const audit = await loadAudit();
    const id = await userIds();
    const responses = await prisma.response.findMany({
      where: { auditId: audit.id },
      include: { comments: { orderBy: { createdAt: 'asc' } } },
    });
    const statuses = new Set(responses.map((r) => r.status));
    for (const status of [
      'NOT_STARTED',
      'IN_PROGRESS',
      'IN_REVIEW',
      'CHANGES_REQUESTED',
      'APPROVED',
      'NOT_APPLICABLE',
    ]) {
      expect(statuses).toContain(status);
    }
    const approved = responses.filter((r) => r.status === 'APPROVED');
    expect(approved.every((r) => r.approvedById === id('reviewer') && r.approvedAt && r.answer)).toBe(true);
    const changesRequested = responses.find((r) => r.status === 'CHANGES_REQUESTED')!;
    expect(changesRequested.comments[0]).toMatchObject({ authorId: id('reviewer') });
    const drafts = responses.filter((r) => r.status === 'IN_PROGRESS');
    expect(drafts.length).toBeGreaterThan(1);
    expect(drafts.every((r) => r.answer?.trim())).toBe(true);
    expect(responses.filter((r) => r.status === 'NOT_STARTED').every((r) => r.answer === null)).toBe(true);
  });

  it('creates the evidence of the case, linked to the responses it backs', async () => {
    const audit = await loadAudit();
    const evidence = await prisma.evidence.findMany({
      where: { auditId: audit.id },
      include: { responses: { include: { response: { include: { subject: true, request: true } } } } },
      orderBy: { kind: 'asc' },
    });
    expect(
      evidence.map((e) => ({
        kind: e.kind,
        backs: e.responses.map((r) => `${r.response.subject.name} #${r.response.request.ordinal}`),
      })),
    ).toEqual([
      { kind: 'LINK', backs: ['Xbox One Social #3'] },
      { kind: 'NOTE', backs: ['Xbox One Social #3'] },
    ]);
    expect(evidence[0].url).toMatch(/^https:\/\//);
    expect(evidence[1].body).toMatch(/24 hours/);
  });

  it('creates the demo users with their roles, the shared demo password and their memberships', async () => {
    const audit = await loadAudit();
    const members = await prisma.auditMember.findMany({ where: { auditId: audit.id } });
    for (const demo of DEMO_USERS) {
      const user = await findUserByEmail(prisma, demo.email.toUpperCase());
      expect(user).toMatchObject({ name: demo.name, timeZone: demo.timeZone, orgRole: demo.orgRole, active: true });
      expect(await verifyPassword(user!.passwordHash, DEMO_PASSWORD)).toBe(true);
      expect(members.find((m) => m.userId === user!.id)?.role ?? null).toBe(demo.auditRole);
    }
  });

  it('drafts the formal response: two requests objected to in part, one still undecided', async () => {
    const audit = await loadAudit();
    const rows = await prisma.requestDisposition.findMany({
      where: { auditId: audit.id },
      include: {
        request: { select: { ordinal: true } },
        objections: { orderBy: { position: 'asc' }, include: { objection: true, provision: true } },
      },
      orderBy: { request: { ordinal: 'asc' } },
    });
    expect(rows.map((r) => [r.request.ordinal, r.disposition])).toEqual([
      [1, 'COMPLY'],
      [2, 'COMPLY_IN_PART'],
      [3, 'COMPLY'],
      [4, 'COMPLY'],
      [6, 'COMPLY_IN_PART'],
    ]);
    expect(rows[1].objections.map((o) => o.objection.code)).toEqual(['OVERBROAD', 'UNDULY_BURDENSOME', 'CONFIDENTIAL']);
    expect(rows[4].objections.map((o) => [o.objection.code, o.provision?.reference ?? null])).toEqual([
      ['OUTSIDE_PERIOD', null],
      ['UNDULY_BURDENSOME', 'II.D'],
    ]);
    expect(await prisma.responseLetter.findUniqueOrThrow({ where: { auditId: audit.id } })).toMatchObject(
      DRAFT_RESPONSE.letter,
    );
  });

  it('records the seed in the activity log without password hashes', async () => {
    const audit = await loadAudit();
    const events = await prisma.activityEvent.findMany({ where: { auditId: audit.id } });
    expect(events.find((e) => e.entityType === 'audit')).toMatchObject({
      action: 'created',
      entityId: audit.id,
      changes: expect.objectContaining({ source: { before: null, after: 'seed' } }),
    });
    expect(events.map((e) => e.entityType).sort()).toEqual(
      [
        'audit',
        'comment',
        'evidence',
        'member',
        'provision',
        'request',
        'response',
        'subject',
        'disposition',
        'response_letter',
      ].sort(),
    );
    const userEvents = await prisma.activityEvent.findMany({
      where: { entityType: 'user' },
      select: { changes: true },
    });
    expect(userEvents.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(userEvents)).not.toMatch(/argon2|passwordHash/);
  });

  it('changes nothing when run again', async () => {
    const countAll = () =>
      Promise.all(TABLES.map((t) => (prisma[t] as unknown as { count(): Promise<number> }).count()));
    const before = { counts: await countAll(), audit: await loadAudit() };

    await expect(seedDemo(prisma)).resolves.toEqual({ created: false, referenceCode });

    const after = { counts: await countAll(), audit: await loadAudit() };
    expect(Object.fromEntries(TABLES.map((t, i) => [t, after.counts[i]]))).toEqual(
      Object.fromEntries(TABLES.map((t, i) => [t, before.counts[i]])),
    );
    expect(after.audit.updatedAt).toEqual(before.audit.updatedAt);
  });
});
