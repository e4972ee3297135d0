// The demo seed on a freshly migrated database of this file's own: the reference case arrives
// whole, its first production is queued and the worker produces it, and a second run changes
// nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { findUserByEmail, verifyPassword } from '@app/accounts';
import { AppConfig, loadEnvironment } from '@app/config';
import { createPrismaClient, Prisma, type PrismaClient } from '@app/db';
import { compareFormAnswers, type FormField, type FormValues } from '@app/domain';
import { type ProductionJob, productionJobId, QueueName } from '@app/queue';
import { LocalBlobStore } from '@app/storage';
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  DRAFT_RESPONSE,
  FORM_ANSWERS,
  FORM_TEMPLATES,
  REFERENCE_AUDIT,
  SUBJECTS,
  type DemoUserKey,
} from '../prisma/seed/reference-case';
import { DEMO_PRODUCTION } from '../prisma/seed/demo-production';
import { type SeedResult, seedDemo } from '../prisma/seed/seed-demo';
import { sha256, sleep } from './support/bytes';
import { useOwnDatabase } from './support/own-database';
import { createTestWorker, type TestWorker } from './support/worker';

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

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
  'evidenceVersion',
  'productionDesignation',
  'production',
  'productionDocument',
  'productionFile',
  'privilegeLogEntry',
  'correspondence',
  'formTemplate',
  'requestForm',
  'activityEvent',
] as const;

describe('demo seed', () => {
  let prisma: PrismaClient;
  let dropDatabase: () => Promise<void>;
  let firstRun: SeedResult;
  let storageDir: string;
  let store: LocalBlobStore;
  let productions: Queue<ProductionJob>;
  let worker: TestWorker | undefined;
  const referenceCode = REFERENCE_AUDIT.referenceCode;

  beforeAll(async () => {
    dropDatabase = await useOwnDatabase('seed');
    prisma = createPrismaClient(process.env.DATABASE_URL!);
    storageDir = mkdtempSync(path.join(tmpdir(), 'auditdesk-seed-storage-'));
    store = new LocalBlobStore(storageDir);
    const config = Object.assign(new AppConfig(), loadEnvironment());
    productions = new Queue<ProductionJob>(QueueName.Productions, {
      connection: { url: config.REDIS_URL },
      prefix: config.QUEUE_PREFIX,
    });
    firstRun = await seedDemo(prisma, { store, productions });
  });

  afterAll(async () => {
    await worker?.close();
    await productions?.close();
    await prisma?.$disconnect();
    await dropDatabase?.();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('reports what it created on an empty database', () => {
    expect(firstRun).toMatchObject({
      created: true,
      referenceCode,
      counts: {
        subjects: 8,
        requests: 6,
        responses: 48,
        provisions: 5,
        evidence: 4,
        files: 2,
        productions: 1,
        privilegeLogEntries: 3,
        correspondence: 4,
        formTemplates: 2,
        forms: 2,
        formAnswers: 5,
      },
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
      { kind: 'FILE', backs: ['Xbox One Social #3'] },
      { kind: 'FILE', backs: ['Xbox One Social #3'] },
      { kind: 'LINK', backs: ['Xbox One Social #3'] },
      { kind: 'NOTE', backs: ['Xbox One Social #3'] },
    ]);
    expect(evidence[2].url).toMatch(/^https:\/\//);
    expect(evidence[3].body).toMatch(/24 hours/);
  });

  it('stores the files of the first production as uploads are stored: each version holds the SHA-256 of its bytes', async () => {
    const versions = await prisma.evidenceVersion.findMany({ orderBy: { fileName: 'asc' } });
    expect(versions.map((v) => [v.fileName, v.mediaType])).toEqual([
      ['xbox-social-api-calls-2023-05.csv', 'text/csv'],
      ['xbox-social-caching-design.pdf', 'application/pdf'],
    ]);
    for (const v of versions) {
      const bytes = await readAll(await store.open(v.storageKey));
      expect([v.fileName, sha256(bytes), bytes.length]).toEqual([v.fileName, v.sha256, Number(v.sizeBytes)]);
    }
  });

  it('leaves volume MSFT-TWTR-VOL001 as the API leaves one asked to be produced, and queues it for the worker', async () => {
    const audit = await loadAudit();
    const id = await userIds();
    expect(
      (await prisma.productionDesignation.findMany({ where: { auditId: audit.id }, orderBy: { position: 'asc' } })).map(
        (d) => d.label,
      ),
    ).toEqual(DEMO_PRODUCTION.designations);
    const volume = await prisma.production.findFirstOrThrow({
      where: { auditId: audit.id },
      include: { documents: { orderBy: { position: 'asc' }, include: { evidenceVersion: true } } },
    });
    expect(volume).toMatchObject({
      name: 'MSFT-TWTR-VOL001',
      batesPrefix: 'MSFT-TWTR-',
      status: 'PRODUCING',
      runs: 1,
      createdById: id('leadCounsel'),
      producedById: id('leadCounsel'),
    });
    expect(volume.documents.map((d) => [d.evidenceVersion.fileName, d.designation])).toEqual([
      ['xbox-social-caching-design.pdf', 'CONFIDENTIAL'],
      ['xbox-social-api-calls-2023-05.csv', 'HIGHLY CONFIDENTIAL - OUTSIDE COUNSEL ONLY'],
    ]);
    const job = await productions.getJob(productionJobId(volume.id, 1));
    expect(job?.data).toEqual({ productionId: volume.id });
  });

  it('gets the volume produced by the worker: three pages numbered MSFT-TWTR-000001 to 000003, the ZIP stored as recorded', async () => {
    worker = await createTestWorker({
      env: { DATABASE_URL: process.env.DATABASE_URL!, STORAGE_DRIVER: 'local', STORAGE_DIR: storageDir },
    });
    const audit = await loadAudit();
    let volume = await prisma.production.findFirstOrThrow({ where: { auditId: audit.id } });
    for (let i = 0; i < 1200 && volume.status === 'PRODUCING'; i++) {
      await sleep(100);
      volume = await prisma.production.findFirstOrThrow({ where: { auditId: audit.id } });
    }
    expect(volume).toMatchObject({ status: 'PRODUCED', error: null, firstNumber: 1, lastNumber: 3, pageCount: 3 });
    const documents = await prisma.productionDocument.findMany({
      where: { productionId: volume.id },
      orderBy: { position: 'asc' },
    });
    expect(documents.map((d) => [d.beginNumber, d.endNumber, d.pageCount])).toEqual([
      [1, 2, 2],
      [3, 3, 1],
    ]);
    const zip = await readAll(await store.open(volume.zipStorageKey!));
    expect(sha256(zip)).toBe(volume.zipSha256);
  });

  it('keeps a privilege log of three entries: two withheld documents and one class of emails', async () => {
    const audit = await loadAudit();
    const entries = await prisma.privilegeLogEntry.findMany({
      where: { auditId: audit.id },
      orderBy: { sequence: 'asc' },
    });
    const ordinals = new Map(
      (await prisma.auditRequest.findMany({ where: { auditId: audit.id } })).map((r) => [r.id, r.ordinal]),
    );
    expect(
      entries.map((e) => [
        e.sequence,
        e.documentType,
        e.privilege,
        e.treatment,
        e.categorical,
        e.documentCount,
        e.requestIds.map((r) => ordinals.get(r)),
      ]),
    ).toEqual([
      [1, 'Email', 'ATTORNEY_CLIENT', 'WITHHELD', false, null, [3]],
      [2, 'Memorandum', 'WORK_PRODUCT', 'WITHHELD', false, null, [1, 2]],
      [3, 'Emails', 'ATTORNEY_CLIENT', 'WITHHELD', true, 14, []],
    ]);
    expect(entries[2].dateFrom?.toISOString().slice(0, 10)).toBe('2023-05-18');
    // None names a produced document: nothing is both produced and withheld.
    expect(entries.every((e) => e.evidenceVersionId === null)).toBe(true);
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
    // The demo's counsel open audits of their own; the others (and the admin, who always may) are not given it.
    const openers = await prisma.user.findMany({
      where: { email: { in: DEMO_USERS.map((u) => u.email) }, canOpenAudits: true },
      select: { email: true },
    });
    expect(openers.map((u) => u.email).sort()).toEqual(
      DEMO_USERS.filter((u) => u.auditRole === 'COUNSEL' || u.auditRole === 'LEAD_COUNSEL')
        .map((u) => u.email)
        .sort(),
    );
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

  it('logs the correspondence with the other side, the demand letter of 18 May 2023 first', async () => {
    const audit = await loadAudit();
    const entries = await prisma.correspondence.findMany({
      where: { auditId: audit.id },
      orderBy: { occurredAt: 'asc' },
    });
    expect(entries.map((e) => [e.occurredAt.toISOString(), e.direction, e.channel, e.subject])).toEqual([
      ['2023-05-18T16:00:00.000Z', 'RECEIVED', 'LETTER', 'Demand letter of 18 May 2023'],
      ['2023-05-19T17:05:00.000Z', 'SENT', 'EMAIL', 'Receipt of your letter of 18 May 2023'],
      ['2023-05-24T18:00:00.000Z', 'SENT', 'CALL', 'Scope of requests 2 and 6'],
      ['2023-05-26T20:30:00.000Z', 'SENT', 'LETTER', 'Scope of the requests: follow-up to our call of 24 May'],
    ]);
    expect(entries[0]).toMatchObject({
      demandLetter: true,
      timeZone: 'America/New_York',
      fromParty: 'Alex Spiro, Quinn Emanuel Urquhart & Sullivan LLP for Twitter, Inc. (now X Corp.)',
      toParty: 'Microsoft Corporation',
    });
    expect(entries.filter((e) => e.demandLetter)).toHaveLength(1);
    const requests = await prisma.auditRequest.findMany({ where: { auditId: audit.id } });
    const ordinal = new Map(requests.map((r) => [r.id, r.ordinal]));
    expect(entries[2].requestIds.map((id) => ordinal.get(id)).sort()).toEqual([2, 6]);
  });

  it('attaches the "Data inventory" form to request 1 and "Government access" to request 5, answered for a few apps', async () => {
    const audit = await loadAudit();
    const templates = await prisma.formTemplate.findMany({ orderBy: { name: 'asc' }, include: { requestForms: true } });
    expect(templates.map((t) => [t.name, t.fields])).toEqual(FORM_TEMPLATES.map((t) => [t.name, t.fields]));
    const requests = await prisma.auditRequest.findMany({
      where: { auditId: audit.id },
      orderBy: { ordinal: 'asc' },
      include: { form: { include: { template: true } } },
    });
    expect(requests.map((r) => [r.ordinal, r.form?.template?.name ?? null])).toEqual([
      [1, 'Data inventory'],
      [2, null],
      [3, null],
      [4, null],
      [5, 'Government access'],
      [6, null],
    ]);
    // The request's form is its own copy of the template's fields.
    expect(requests[0].form!.fields).toEqual(FORM_TEMPLATES[0].fields);

    const answered = await prisma.response.findMany({
      where: { auditId: audit.id, formValues: { not: Prisma.DbNull } },
      include: { subject: true, request: true },
      orderBy: [{ request: { ordinal: 'asc' } }, { subject: { position: 'asc' } }],
    });
    expect(answered.map((r) => [r.subject.name, r.request.ordinal, r.formValues])).toEqual(
      FORM_ANSWERS.map((a) => [a.subject, a.request, a.values]),
    );
    // Only responses under way hold values; request 1's comparison shows a difference and an
    // app not yet done with its required volume left empty.
    expect(answered.every((r) => r.status !== 'NOT_STARTED')).toBe(true);
    const r1 = answered.filter((r) => r.request.ordinal === 1);
    const comparison = compareFormAnswers(
      requests[0].form!.fields as unknown as FormField[],
      r1.map((r) => ({ values: r.formValues as FormValues })),
    );
    expect(comparison.differing).toEqual(expect.arrayContaining(['categories', 'volume', 'still_held']));
    expect(
      r1.filter((_, i) => comparison.missing[i].includes('volume')).map((r) => [r.subject.name, r.status]),
    ).toEqual([['Bing Pages 2', 'IN_PROGRESS']]);
  });

  it('records the seed in the activity log without password hashes', async () => {
    const audit = await loadAudit();
    // The seed's own events (no actor): the worker adds its own when it produces the volume.
    const events = await prisma.activityEvent.findMany({ where: { auditId: audit.id, actorId: null } });
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
        'production',
        'privilege_log_entry',
        'correspondence',
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

    await expect(seedDemo(prisma, { store, productions })).resolves.toEqual({ created: false, referenceCode });

    const after = { counts: await countAll(), audit: await loadAudit() };
    expect(Object.fromEntries(TABLES.map((t, i) => [t, after.counts[i]]))).toEqual(
      Object.fromEntries(TABLES.map((t, i) => [t, before.counts[i]])),
    );
    expect(after.audit.updatedAt).toEqual(before.audit.updatedAt);
  });
});
