// Non-members get 404 on every audit-scoped route, walked from the OpenAPI document the app
// serves, so a route added tomorrow is covered the day it is added: its path parameters are
// filled with real ids of an audit the caller is not a member of (and of that audit's own
// rows), and the test fails when a route is neither audit-scoped nor listed below as an
// exception, when a path parameter has no id to fill it with, or when a write documents a
// body this spec has no valid sample of (a 400 for a bad body would hide the access check).
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { QueueName } from '@app/queue';
import { createTestApp, type TestApp } from '../support/app';
import { type Agent, newAuditViaApi, newUser, type Res, type TestUser, tokenAgent } from '../support/factories';
import { multipart } from '../support/multipart';
import { AUDIT_SCOPED, type AuditIds, auditWithEverything, validBodies } from '../support/audit-fixture';

type Operation = {
  requestBody?: { required?: boolean; content: Record<string, unknown> };
};
type Doc = { paths: Record<string, Record<string, Operation>> };

/** Whom the outsider tries to invite into audit B: no account may come of it. */
const INVITEE = 'iso-invitee@example.com';

/** Routes that are not about one audit, and why a non-member's 404 does not apply to them. */
const NOT_AUDIT_SCOPED: Record<string, string> = {
  'GET /api/health': 'public: liveness for load balancers',
  'GET /api/demo/logins': 'public: the demo login page (404 unless DEMO_MODE)',
  'GET /api/calendar/{file}': "public: the secret URL is the credential; it lists only its owner's items",
  'POST /api/calendar/feed': "user-scoped: makes the caller's own feed URL",
  'GET /api/reminders/unsubscribe/{token}': 'public: the signed link names its person and audits; it changes nothing',
  'POST /api/reminders/unsubscribe/{token}': "public: the signed link turns off only its own person's reminders",
  'GET /api/calendar/feed': 'user-scoped: whether the caller has a feed URL',
  'POST /api/auth/login': 'public: signing in',
  'POST /api/auth/logout': "user-scoped: ends the caller's own session",
  'GET /api/auth/session': 'user-scoped: the caller, or null for a visitor',
  'GET /api/auth/me': 'user-scoped: the caller',
  'PATCH /api/auth/me': "user-scoped: edits the caller's own name and zone",
  'POST /api/auth/me/password': "user-scoped: changes the caller's own password",
  'GET /api/me/reminders': "user-scoped: the caller's own reminder settings and their own audits",
  'PUT /api/me/reminders': "user-scoped: changes the caller's own reminder settings (no user id is taken)",
  'GET /api/auth/tokens': "user-scoped: the caller's own API tokens",
  'POST /api/auth/tokens': 'user-scoped: makes a token for the caller',
  'DELETE /api/auth/tokens/{tokenId}': "user-scoped: revokes one of the caller's tokens (others' give 404)",
  'GET /api/users': 'organisation-scoped: the directory of active users, for pickers',
  'GET /api/audits': "lists only the caller's audits (membership.e2e-spec checks B is not listed)",
  'POST /api/audits': 'creates a new audit, of which the caller becomes lead counsel',
  'GET /api/invitations/{token}': 'public: the unguessable one-time link is the credential',
  'POST /api/invitations/{token}/accept': 'public: the one-time link is the credential; it works once',
  'GET /api/password-resets/{token}': 'public: the unguessable one-time link is the credential',
  'POST /api/password-resets/{token}': 'public: the one-time link is the credential; it works once',
  'GET /api/admin/users': 'organisation-scoped: org admins only (403 for others, admin-users in people.e2e-spec)',
  'POST /api/admin/users': 'organisation-scoped: org admins only (403 for others)',
  'PATCH /api/admin/users/{userId}': 'organisation-scoped: org admins only (403 for others)',
  'POST /api/admin/users/{userId}/reset-password': 'organisation-scoped: org admins only (403 for others)',
  'POST /api/admin/users/{userId}/resend-invitation': 'organisation-scoped: org admins only (403 for others)',
  'GET /api/objections': 'organisation-scoped: the shared objection library, read by every user',
  'POST /api/objections': 'organisation-scoped: counsel edit the library (403 for others, formal-response.e2e-spec)',
  'PATCH /api/objections/{objectionId}': 'organisation-scoped: counsel edit the library (403 for others)',
  'DELETE /api/objections/{objectionId}': 'organisation-scoped: counsel edit the library (403 for others)',
  'GET /api/request-templates': "organisation-scoped: the organisation's templates (request-templates.e2e-spec)",
  'GET /api/request-templates/{templateId}': 'organisation-scoped: one template of the organisation',
  'PATCH /api/request-templates/{templateId}':
    'organisation-scoped: counsel of any audit or org admins (403 for others)',
  'DELETE /api/request-templates/{templateId}': 'organisation-scoped: its creator or an org admin (403 for others)',
  'GET /api/form-templates': "organisation-scoped: the organisation's form templates (audit-forms.e2e-spec)",
  'GET /api/form-templates/{templateId}': 'organisation-scoped: one form template of the organisation',
  'POST /api/form-templates': 'organisation-scoped: counsel of any audit or org admins (403 for others)',
  'PUT /api/form-templates/{templateId}': 'organisation-scoped: counsel of any audit or org admins (403 for others)',
  'DELETE /api/form-templates/{templateId}': 'organisation-scoped: its creator or an org admin (403 for others)',
};

describe('non-members get 404 on every audit-scoped route (walked from the OpenAPI document)', () => {
  let t: TestApp;
  let doc: Doc;
  let owner: TestUser;
  let colleague: TestUser;
  let outsider: TestUser;
  let asOwner: Agent;
  let asOutsider: Agent;
  /** Real ids of audit B and of its own rows, by path parameter name. */
  let ids: AuditIds;

  beforeAll(async () => {
    t = await createTestApp({ now: '2023-05-25T12:00:00Z' });
    doc = (await request(t.http).get('/api/docs-json')).body;
    owner = await newUser(t.prisma, { label: 'iso-owner', timeZone: 'America/New_York' });
    colleague = await newUser(t.prisma, { label: 'iso-colleague' });
    outsider = await newUser(t.prisma, { label: 'iso-outsider' });
    asOwner = await tokenAgent(t.http, owner);
    asOutsider = await tokenAgent(t.http, outsider);
    // The outsider is a member elsewhere: a user with audits of their own, not a stranger.
    await newAuditViaApi(asOutsider, { title: 'Audit A' });

    ids = await auditWithEverything(asOwner, owner, colleague);
  });
  afterAll(() => t.close());

  const bodies = () => validBodies(ids, { ownerId: owner.id, otherUserId: outsider.id, invitee: INVITEE });
  /** Valid query strings of the routes that require one, so the 404 is not a 400 about the query. */
  const queries: Record<string, Record<string, string>> = {
    'DELETE /api/audits/{auditId}/correspondence/{correspondenceId}/attachments/{attachmentId}': { version: '1' },
    'DELETE /api/audits/{auditId}/requests/{requestId}/form': { version: '1' },
  };

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, method, path, op })),
    );
  const auditScoped = () =>
    operations()
      .filter((o) => o.path === AUDIT_SCOPED || o.path.startsWith(`${AUDIT_SCOPED}/`))
      // Reads first, deletions last: a write wrongly let through then shows as itself.
      .sort((a, b) => rank(a.method) - rank(b.method));
  const rank = (method: string) => ({ get: 0, delete: 2 })[method] ?? 1;

  it('every route is either audit-scoped or an exception listed with its reason', () => {
    const unclassified = operations()
      .filter((o) => !o.path.startsWith(`${AUDIT_SCOPED}`) && !(o.key in NOT_AUDIT_SCOPED))
      .map((o) => o.key);
    expect(unclassified).toEqual([]);
    // The exceptions name routes that exist (a removed route leaves no stale entry behind).
    const keys = operations().map((o) => o.key);
    expect(Object.keys(NOT_AUDIT_SCOPED).filter((key) => !keys.includes(key))).toEqual([]);
    expect(auditScoped().length).toBeGreaterThanOrEqual(50);
  });

  it('every audit-scoped path parameter can be filled with a real id, and every body has a valid sample', () => {
    const unfillable = auditScoped().flatMap(({ key, path }) =>
      [...path.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1])
        .filter((name) => !(name in ids))
        .map((n) => `${key}: ${n}`),
    );
    expect(unfillable).toEqual([]);
    const withoutSample = auditScoped()
      .filter(({ key, op }) => op.requestBody && !(key in bodies()))
      .map((o) => o.key);
    expect(withoutSample).toEqual([]);
  });

  it('answers each of them with the same 404 as an audit that does not exist, and changes nothing', async () => {
    const b = ids.auditId;
    const snapshot = async () => ({
      audit: await t.prisma.audit.findUniqueOrThrow({ where: { id: b } }),
      activity: await t.prisma.activityEvent.count({ where: { auditId: b } }),
      members: await t.prisma.auditMember.findMany({ where: { auditId: b }, orderBy: { userId: 'asc' } }),
      subjects: await t.prisma.subject.findMany({ where: { auditId: b }, orderBy: { id: 'asc' } }),
      requests: await t.prisma.auditRequest.findMany({ where: { auditId: b }, orderBy: { id: 'asc' } }),
      provisions: await t.prisma.provision.findMany({ where: { auditId: b }, orderBy: { id: 'asc' } }),
      responses: await t.prisma.response.findMany({ where: { auditId: b }, orderBy: { id: 'asc' } }),
      comments: await t.prisma.comment.count({ where: { response: { auditId: b } } }),
      evidence: await t.prisma.evidence.findMany({
        where: { auditId: b },
        include: { versions: true, responses: true },
        orderBy: { id: 'asc' },
      }),
      extensions: await t.prisma.auditExtension.findMany({ where: { auditId: b }, orderBy: { id: 'asc' } }),
      reminders: await t.prisma.reminder.findMany({ where: { auditId: b }, orderBy: { id: 'asc' } }),
      reports: await t.prisma.report.findMany({ where: { auditId: b }, orderBy: { id: 'asc' } }),
      invitations: await t.prisma.invitation.findMany({ where: { auditId: b }, orderBy: { id: 'asc' } }),
      invitee: await t.prisma.user.count({ where: { email: INVITEE } }),
      dispositions: await t.prisma.requestDisposition.findMany({
        where: { auditId: b },
        include: { objections: true },
      }),
      letters: await t.prisma.responseLetter.count({ where: { auditId: b } }),
      productions: await t.prisma.production.findMany({ where: { auditId: b }, include: { documents: true } }),
      designations: await t.prisma.productionDesignation.findMany({ where: { auditId: b } }),
      privilegeLog: await t.prisma.privilegeLogEntry.findMany({ where: { auditId: b }, orderBy: { id: 'asc' } }),
      redactions: await t.prisma.redaction.findMany({
        where: { evidenceVersion: { evidence: { auditId: b } } },
        orderBy: { id: 'asc' },
      }),
      submissions: await t.prisma.responseSubmission.findMany({ where: { auditId: b }, orderBy: { version: 'asc' } }),
      copies: await t.prisma.audit.count({ where: { referenceCode: 'ISO-COPY' } }),
      templates: await t.prisma.requestTemplate.count({ where: { name: 'Intruder template' } }),
    });
    const before = await snapshot();
    const missing = await asOutsider.get('/api/audits/00000000-0000-4000-8000-000000000000');
    expect([missing.status, missing.body.detail]).toEqual([404, 'Audit not found.']);

    const outcomes: string[] = [];
    for (const { key, method, path } of auditScoped()) {
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]);
      let call = asOutsider[method as 'get' | 'post' | 'patch' | 'put' | 'delete'](url);
      if (queries[key]) call = call.query(queries[key]);
      const body = bodies()[key];
      if (body && 'multipart' in body) {
        const form = multipart(body.multipart as [string, string][], {
          fileName: 'intruder.txt',
          content: Buffer.from('intruder\n'),
        });
        call = call.set('Content-Type', form.contentType).send(form.body);
      } else if (body) call = call.send(body);
      const res: Res = await call;
      outcomes.push(`${key} -> ${res.status} ${res.body?.code} ${res.body?.detail} ${res.headers['content-type']}`);
    }
    const hidden = `404 NOT_FOUND Audit not found. application/problem+json; charset=utf-8`;
    expect(outcomes).toEqual(auditScoped().map(({ key }) => `${key} -> ${hidden}`));

    expect(await snapshot()).toEqual(before);
    const integrity = t.app.get<Queue>(getQueueToken(QueueName.EvidenceIntegrity));
    expect(await integrity.getJob(`verify-audit-${b}`)).toBeUndefined();
  });
});
