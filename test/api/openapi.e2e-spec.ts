// The OpenAPI document at /api/docs-json: public, complete (every route the app serves),
// and exact enough for a generated client: request bodies, response bodies that match what
// the API really returns, and the shared problem shape for errors.
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/app';
import { addRequest, addSubject, grid, login, newAuditViaApi, newUser } from '../support/factories';

type Schema = {
  $ref?: string;
  type?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  required?: string[];
  enum?: unknown[];
  nullable?: boolean;
};
type Operation = {
  operationId: string;
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
  security?: unknown[];
};
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
  security?: unknown[];
};

/** Operations that answer 204 No Content. */
const NO_CONTENT = [
  'POST /api/auth/logout',
  'DELETE /api/auth/tokens/{tokenId}',
  'DELETE /api/audits/{auditId}/members/{userId}',
  'DELETE /api/audits/{auditId}/provisions/{provisionId}',
  'DELETE /api/audits/{auditId}/subjects/{subjectId}',
  'DELETE /api/audits/{auditId}/requests/{requestId}',
  'DELETE /api/audits/{auditId}',
  'DELETE /api/request-templates/{templateId}',
  'DELETE /api/form-templates/{templateId}',
  'DELETE /api/audits/{auditId}/requests/{requestId}/form',
  'DELETE /api/audits/{auditId}/evidence/{evidenceId}',
  'DELETE /api/audits/{auditId}/evidence/{evidenceId}/responses/{responseId}',
  'DELETE /api/audits/{auditId}/documents/{documentId}',
  'DELETE /api/objections/{objectionId}',
  'DELETE /api/audits/{auditId}/privilege-log/{entryId}',
  'DELETE /api/audits/{auditId}/evidence/{evidenceId}/versions/{number}/redactions/{redactionId}',
  'DELETE /api/audits/{auditId}/correspondence/{correspondenceId}',
  'POST /api/auth/me/password',
  'POST /api/password-resets/{token}',
];
/** Routes that answer a file: documented with their media types and a binary schema. */
const FILES = [
  'GET /api/audits/{auditId}/report.pdf',
  'GET /api/audits/{auditId}/requests/{requestId}/form/comparison.xlsx',
  'GET /api/audits/{auditId}/reports/{reportId}/file',
  'GET /api/audits/{auditId}/exports/responses.{format}',
  'GET /api/audits/{auditId}/exports/evidence.{format}',
  'GET /api/audits/{auditId}/evidence/{evidenceId}/versions/{number}/content',
  'GET /api/audits/{auditId}/evidence/{evidenceId}/versions/{number}/pages/{page}/image',
  'GET /api/audits/{auditId}/documents/{documentId}/content',
  'GET /api/audits/{auditId}/requests/import-template',
  'GET /api/audits/{auditId}/subjects/import-template',
  'GET /api/audits/{auditId}/response-letter.pdf',
  'GET /api/audits/{auditId}/response-letter.docx',
  'GET /api/audits/{auditId}/productions/{productionId}/volume',
  'GET /api/releases/{token}/volume',
  'GET /api/audits/{auditId}/productions/log.{format}',
  'GET /api/audits/{auditId}/response-submissions/{version}/package.zip',
  'GET /api/audits/{auditId}/response-submissions/{version}/certificate.pdf',
  'GET /api/audits/{auditId}/response-submissions/{version}/certification/scan',
  'GET /api/audits/{auditId}/privilege-log/export.{format}',
  'GET /api/audits/{auditId}/correspondence/export.{format}',
  'GET /api/audits/{auditId}/correspondence/{correspondenceId}/attachments/{attachmentId}/content',
];
/** Writes that take no body. */
const NO_BODY = [
  'POST /api/auth/logout',
  'POST /api/audits/{auditId}/evidence/integrity-checks',
  'POST /api/audits/{auditId}/evidence/{evidenceId}/versions/{number}/verify',
  'POST /api/calendar/feed',
  // The one-click unsubscribe: the POST itself is the request (RFC 8058); its form body is not read.
  'POST /api/reminders/unsubscribe/{token}',
  'POST /api/audits/{auditId}/reminders/{reminderId}/retry',
  'POST /api/audits/{auditId}/members/{userId}/resend-invitation',
  'POST /api/admin/users/{userId}/reset-password',
  'POST /api/admin/users/{userId}/resend-invitation',
  'POST /api/audits/{auditId}/productions/{productionId}/produce',
  'POST /api/audits/{auditId}/productions/{productionId}/releases/{releaseId}/revoke',
  'POST /api/audits/{auditId}/productions/{productionId}/releases/{releaseId}/resend',
  'POST /api/audits/{auditId}/productions/{productionId}/verify',
];
/** File uploads: a multipart/form-data body (metadata fields and the file). */
const MULTIPART = [
  'POST /api/audits/{auditId}/evidence/files',
  'POST /api/audits/{auditId}/evidence/{evidenceId}/versions',
  'POST /api/audits/{auditId}/documents',
  'POST /api/audits/{auditId}/subjects/import',
  'POST /api/audits/{auditId}/response-submissions/{version}/certification/scan',
  'POST /api/audits/{auditId}/correspondence/{correspondenceId}/attachments',
];
const PUBLIC = [
  'POST /api/auth/login',
  // Who is logged in, if anyone: 200 with `user: null` for a visitor.
  'GET /api/auth/session',
  'GET /api/health',
  'GET /api/calendar/{file}',
  'GET /api/demo/logins',
  // One-time links: the secret in the path is the credential.
  'GET /api/invitations/{token}',
  'POST /api/invitations/{token}/accept',
  'GET /api/password-resets/{token}',
  'POST /api/password-resets/{token}',
  // A digest's signed unsubscribe link: the token is the credential.
  'GET /api/reminders/unsubscribe/{token}',
  'POST /api/reminders/unsubscribe/{token}',
];
/** Operations whose body is not JSON (documented with their own media type). */
const NOT_JSON = ['GET /api/calendar/{file}', 'GET /api/reminders/unsubscribe/{token}'];

describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: Doc;

  beforeAll(async () => {
    t = await createTestApp({ now: '2023-05-25T12:00:00Z' });
    const res = await request(t.http).get('/api/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, method, path, op })),
    );
  const resolve = (schema: Schema): Schema => {
    if (!schema.$ref) return schema;
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = doc.components.schemas[name];
    if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
    return resolve(target);
  };
  /** Every property a schema documents, through $ref and allOf. */
  const propertiesOf = (schema: Schema): Record<string, Schema> => {
    const s = resolve(schema);
    return Object.assign({}, ...(s.allOf ?? []).map(propertiesOf), s.properties ?? {});
  };
  const component = (name: string) => {
    expect(Object.keys(doc.components.schemas)).toContain(name);
    return propertiesOf({ $ref: `#/components/schemas/${name}` });
  };

  it('is served without credentials as OpenAPI 3 JSON', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    const res = await request(t.http).get('/api/docs-json');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    // The served document is the one configureApp built.
    expect(res.body).toEqual(JSON.parse(JSON.stringify(t.document)));
  });

  it('lists exactly the routes the app serves', () => {
    const router = (
      t.app.getHttpAdapter().getInstance() as {
        router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
      }
    ).router;
    const served = router.stack
      .filter((layer) => layer.route && !layer.route.path.startsWith('/api/docs'))
      .flatMap((layer) =>
        Object.keys(layer.route!.methods).map(
          (m) => `${m.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`,
        ),
      )
      .sort();
    expect(served.length).toBeGreaterThanOrEqual(34);
    expect(
      operations()
        .map((o) => o.key)
        .sort(),
    ).toEqual(served);
  });

  it('every $ref points at a schema that exists', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(50);
    const unresolved = [...new Set(refs)].filter(
      (ref) => !doc.components.schemas[ref.replace('#/components/schemas/', '')],
    );
    expect(unresolved).toEqual([]);
  });

  it('every POST and PATCH documents its JSON request body with its fields', () => {
    const writes = operations().filter((o) => ['post', 'patch'].includes(o.method) && !NO_BODY.includes(o.key));
    expect(writes.length).toBeGreaterThanOrEqual(14);
    for (const { key, op } of writes) {
      const schema =
        op.requestBody?.content?.[MULTIPART.includes(key) ? 'multipart/form-data' : 'application/json']?.schema;
      expect([key, schema?.$ref]).toEqual([key, expect.stringMatching(/^#\/components\/schemas\/\w+Dto$/)]);
      expect([key, Object.keys(propertiesOf(schema!)).length > 0]).toEqual([key, true]);
    }
  });

  it('the request import documents both its bodies: the pasted letter as JSON, the file as a form', () => {
    const content = doc.paths['/api/audits/{auditId}/requests/import'].post.requestBody!.content;
    expect(Object.keys(content).sort()).toEqual(['application/json', 'multipart/form-data']);
    expect(Object.keys(propertiesOf(content['application/json'].schema))).toEqual(['text']);
    expect(propertiesOf(content['multipart/form-data'].schema)).toMatchObject({
      file: { type: 'string', format: 'binary' },
    });
    const subjects = doc.paths['/api/audits/{auditId}/subjects/import'].post.requestBody!.content;
    expect(Object.keys(subjects)).toEqual(['multipart/form-data']);
    const params = doc.paths['/api/audits/{auditId}/requests/import'].post.parameters!.map((p) => `${p.in}:${p.name}`);
    expect(params.sort()).toEqual(['path:auditId', 'query:dryRun']);
  });

  it('every operation that returns a body documents its 2xx schema; the others say 204', () => {
    const empty: string[] = [];
    for (const { key, op } of operations()) {
      // 206 is the Range answer of a stored-file route (checked by the OpenAPI lint spec), beside its 200.
      const success = Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s) && s !== '206');
      expect([key, success.length]).toEqual([key, 1]);
      const [status] = success;
      if (NO_CONTENT.includes(key)) {
        expect([key, status, op.responses[status].content]).toEqual([key, '204', undefined]);
        continue;
      }
      if (FILES.includes(key)) {
        const content = Object.values(op.responses[status].content ?? {}) as { schema?: { format?: string } }[];
        expect([key, content.length > 0 && content.every((c) => c.schema?.format === 'binary')]).toEqual([key, true]);
        continue;
      }
      if (NOT_JSON.includes(key)) {
        expect([key, Object.keys(op.responses[status].content ?? {})]).toEqual([
          key,
          [expect.not.stringMatching(/json/)],
        ]);
        continue;
      }
      const schema = op.responses[status].content?.['application/json']?.schema;
      expect([key, schema === undefined]).toEqual([key, false]);
      const described = schema!.type === 'array' ? schema!.items! : schema!;
      if (Object.keys(propertiesOf(described)).length === 0) empty.push(`${key} -> ${JSON.stringify(described)}`);
    }
    expect(empty).toEqual([]);
  });

  it('errors are documented with the shared problem shape', () => {
    expect(Object.keys(component('ProblemDetailsDto')).sort()).toEqual([
      'code',
      'detail',
      'errors',
      'instance',
      'status',
      'title',
      'type',
    ]);
    for (const { key, op } of operations()) {
      if (PUBLIC.includes(key)) continue;
      expect([key, op.responses['401']?.content?.['application/problem+json']?.schema?.$ref]).toEqual([
        key,
        '#/components/schemas/ProblemDetailsDto',
      ]);
    }
  });

  it('the streamed report documents its 503 (renderer busy) with the problem shape', () => {
    const busy = doc.paths['/api/audits/{auditId}/report.pdf'].get.responses['503'];
    expect(busy?.content?.['application/problem+json']?.schema?.$ref).toBe('#/components/schemas/ProblemDetailsDto');
  });

  it('the operations that need no login say so (no security requirement)', () => {
    expect(doc.security?.length).toBeGreaterThan(0);
    for (const key of PUBLIC) {
      const op = operations().find((o) => o.key === key)!.op;
      expect([key, op.security]).toEqual([key, []]);
    }
  });

  it('documents the fields that matter: the local deadline, the version, the filters', () => {
    expect(component('AuditDto')).toMatchObject({
      responseDeadlineLocal: { type: 'string' },
      deadlineTimeZone: { type: 'string' },
    });
    expect(component('ResponseDto')).toMatchObject({ version: { type: 'number' }, overdue: { type: 'boolean' } });
    expect(component('UpdateResponseDto')).toMatchObject({ version: { type: 'number' } });
    expect(resolve({ $ref: '#/components/schemas/UpdateResponseDto' }).required).toEqual(['version']);
    expect(Object.keys(component('AuditProgressDto'))).toEqual(
      expect.arrayContaining([
        'total',
        'done',
        'overdue',
        'percentComplete',
        'counts',
        'bySubject',
        'byRequest',
        'timeLeft',
        'deadline',
        'asOf',
      ]),
    );
    const params = (path: string) => doc.paths[path].get.parameters!.map((p) => `${p.in}:${p.name}`).sort();
    expect(params('/api/audits/{auditId}/responses')).toEqual(
      [
        'path:auditId',
        'query:assigneeId',
        'query:overdue',
        'query:page',
        'query:pageSize',
        'query:requestId',
        'query:status',
        'query:subjectId',
      ].sort(),
    );
    expect(params('/api/audits')).toEqual(['query:page', 'query:pageSize', 'query:status']);
    expect(params('/api/users')).toEqual(['query:page', 'query:pageSize', 'query:search']);
  });

  it('the documented response schemas list exactly the fields the API returns', async () => {
    const lead = await newUser(t.prisma, { label: 'docs' });
    const agent = await login(t.http, lead.email);
    const audit = await newAuditViaApi(agent);
    await addSubject(agent, audit.id);
    await addRequest(agent, audit.id);
    const [c] = await grid(agent, audit.id);
    const comment = await agent.post(`/api/audits/${audit.id}/responses/${c.id}/comments`).send({ body: 'hi' });
    const token = await agent.post('/api/auth/tokens').send({ name: 'docs' });
    const note = await agent
      .post(`/api/audits/${audit.id}/evidence`)
      .send({ kind: 'NOTE', title: 'Statement', body: 'text', responseIds: [c.id] });
    const file = await agent
      .post(`/api/audits/${audit.id}/evidence/files`)
      .field('title', 'Export')
      .attach('file', Buffer.from('licence export\n'), 'export.txt');
    const versions = await agent.get(`/api/audits/${audit.id}/evidence/${file.body.id}/versions`);
    const verification = await agent.post(`/api/audits/${audit.id}/evidence/${file.body.id}/versions/1/verify`);
    const hold = await agent.put(`/api/audits/${audit.id}/legal-hold`).send({ reason: 'Docs' });

    const samples: [string, Record<string, unknown>][] = [
      ['AuditDto', audit],
      ['AuditListItemDto', (await agent.get('/api/audits')).body.items[0]],
      ['ResponseDto', c as unknown as Record<string, unknown>],
      ['ResponseDetailDto', (await agent.get(`/api/audits/${audit.id}/responses/${c.id}`)).body],
      ['AuditProgressDto', (await agent.get(`/api/audits/${audit.id}/progress`)).body],
      ['MemberDto', (await agent.get(`/api/audits/${audit.id}/members`)).body.items[0]],
      ['UserDto', (await agent.get('/api/auth/me')).body],
      ['SessionDto', (await agent.get('/api/auth/session')).body],
      ['CommentDto', comment.body],
      ['CreatedApiTokenDto', token.body],
      ['ActivityEventDto', (await agent.get(`/api/audits/${audit.id}/activity`)).body.items[0]],
      // Pages: their meta (page, pageSize, total) is part of the contract too.
      ['AuditPageDto', (await agent.get('/api/audits')).body],
      ['ResponsePageDto', (await agent.get(`/api/audits/${audit.id}/responses`)).body],
      ['MemberPageDto', (await agent.get(`/api/audits/${audit.id}/members`)).body],
      ['UserPageDto', (await agent.get('/api/users').query({ search: lead.email })).body],
      ['EvidenceDto', note.body],
      ['EvidenceDto', file.body],
      ['EvidenceVersionDto', versions.body[0]],
      ['EvidencePageDto', (await agent.get(`/api/audits/${audit.id}/responses/${c.id}/evidence`)).body],
      ['VerificationDto', verification.body],
      ['LegalHoldDto', hold.body],
      ['IntegrityCheckQueuedDto', (await agent.post(`/api/audits/${audit.id}/evidence/integrity-checks`)).body],
    ];
    const mismatches = samples
      .map(([name, body]) => ({
        name,
        documented: Object.keys(component(name)).sort(),
        returned: Object.keys(body).sort(),
      }))
      .filter((m) => JSON.stringify(m.documented) !== JSON.stringify(m.returned));
    expect(mismatches).toEqual([]);
  });

  it('/api/docs serves the Swagger UI page', async () => {
    const res = await request(t.http).get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toMatch(/swagger-ui/i);
    expect(res.text).toMatch(/<html/i);
  });
});
