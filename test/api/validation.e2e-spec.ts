// Bad input, as a careless client or a hostile one sends it: every refusal is a 400 (or
// another 4xx) in the shared problem+json shape naming the offending field, never a 500.
import { createTestApp, type TestApp } from '../support/app';
import {
  addRequest,
  addSubject,
  type Agent,
  auditInput,
  expectProblem,
  grid,
  login,
  newAuditViaApi,
  newUser,
  problemFields,
  type Res,
  type TestUser,
} from '../support/factories';

const NIL_UUID = '00000000-0000-4000-8000-000000000000';

describe('input validation', () => {
  let t: TestApp;
  let lead: TestUser;
  let asLead: Agent;
  let auditId: string;
  let subjectId: string;
  let requestId: string;
  let responseId: string;

  beforeAll(async () => {
    t = await createTestApp({ now: '2023-05-25T12:00:00Z' });
    lead = await newUser(t.prisma, { label: 'validator' });
    asLead = await login(t.http, lead.email);
    auditId = (await newAuditViaApi(asLead)).id;
    subjectId = (await addSubject(asLead, auditId)).id;
    requestId = (await addRequest(asLead, auditId)).id;
    responseId = (await grid(asLead, auditId))[0].id;
  });
  afterAll(() => t.close());

  const postAudit = (body: Record<string, unknown>) => asLead.post('/api/audits').send(auditInput(body));

  describe('the problem document', () => {
    it('is application/problem+json with type, title, status, detail, instance, code and errors[].field/message', async () => {
      const res = await postAudit({ title: '' });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json; charset=utf-8$/);
      expect(res.body).toEqual({
        type: 'urn:auditdesk:problem:validation-failed',
        title: 'Bad Request',
        status: 400,
        detail: expect.stringMatching(/^Validation failed: .*title/),
        instance: '/api/audits',
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'title', message: expect.stringContaining('title') }],
      });
    });

    it('the instance is the path and query the client sent', async () => {
      const res = await asLead.get('/api/audits?pageSize=0&page=1');
      expect(res.body.instance).toBe('/api/audits?pageSize=0&page=1');
    });
  });

  describe('bodies', () => {
    it('an unknown field is refused, by name', async () => {
      const res = await postAudit({ bogus: 1 });
      expectProblem(res, 400, 'VALIDATION_FAILED', ['bogus']);
      expect(res.body.errors[0].message).toBe('bogus is not a known field');
    });

    it('an unknown field on an update is refused too, and nothing changes', async () => {
      const res = await asLead.patch(`/api/audits/${auditId}`).send({ title: 'Changed', createdById: lead.id });
      expectProblem(res, 400, 'VALIDATION_FAILED', ['createdById']);
      expect((await asLead.get(`/api/audits/${auditId}`)).body.title).not.toBe('Changed');
    });

    it.each([
      ['title', 123],
      ['title', true],
      ['receivedOn', 20230518],
      ['receivedOn', '18/05/2023'],
      ['receivedOn', '2023-02-30'],
      ['letterDate', '2023-13-01'],
      ['responseDeadline', 'next Tuesday'],
      ['responseDeadline', '2023-06-07'],
      ['responseDeadline', '2023-06-31T17:00'],
      ['responseDeadline', 1686171600000],
      ['demandingCounselEmail', 'not-an-email'],
      ['deadlineTimeZone', 'Mars/Olympus_Mons'],
      ['deadlineTimeZone', 'EST5EDT-ish'],
      ['deadlineTimeZone', ''],
      ['deadlineTimeZone', 42],
    ])('audit %s = %j is a 400 naming it', async (field, value) => {
      const res = await postAudit({ [field]: value });
      expectProblem(res, 400, 'VALIDATION_FAILED', [field]);
    });

    it.each([
      ['title', 300],
      ['referenceCode', 64],
      ['demandingParty', 300],
      ['demandingCounselName', 200],
      ['agreementVersion', 200],
      ['auditClauseRef', 100],
      ['notes', 20_000],
    ])('audit %s longer than %d characters is refused; exactly that many is accepted', async (field, max) => {
      const tooLong = await postAudit({ [field]: 'x'.repeat(max + 1) });
      expectProblem(tooLong, 400, 'VALIDATION_FAILED', [field]);
      const ok = await postAudit({
        [field]: field === 'referenceCode' ? `${Date.now()}`.padEnd(max, 'x') : 'x'.repeat(max),
      });
      expect(ok.status).toBe(201);
    });

    it('white space only counts as missing for required text', async () => {
      expectProblem(await postAudit({ title: '   \t\n ' }), 400, 'VALIDATION_FAILED', ['title']);
    });

    it('several bad fields are all named', async () => {
      const res = await postAudit({ title: 5, receivedOn: 'yesterday', deadlineTimeZone: 'Nowhere/Land', extra: 'x' });
      expectProblem(res, 400, 'VALIDATION_FAILED', ['deadlineTimeZone', 'extra', 'receivedOn', 'title']);
    });

    it('subject and request bodies: wrong types and out-of-range numbers name the field', async () => {
      const subjects = `/api/audits/${auditId}/subjects`;
      const requests = `/api/audits/${auditId}/requests`;
      expectProblem(await asLead.post(subjects).send({ name: ['a'] }), 400, 'VALIDATION_FAILED', ['name']);
      expectProblem(await asLead.post(subjects).send({ name: 'A', position: 0 }), 400, 'VALIDATION_FAILED', [
        'position',
      ]);
      expectProblem(await asLead.post(subjects).send({ name: 'A', position: 1.5 }), 400, 'VALIDATION_FAILED', [
        'position',
      ]);
      expectProblem(await asLead.post(subjects).send({ name: 'A', ownerId: 'me' }), 400, 'VALIDATION_FAILED', [
        'ownerId',
      ]);
      expectProblem(
        await asLead.post(requests).send({ title: 'T', text: 'X', appliesToAll: 'yes' }),
        400,
        'VALIDATION_FAILED',
        ['appliesToAll'],
      );
      expectProblem(
        await asLead.post(requests).send({ title: 'T', text: 'X', subjectIds: subjectId }),
        400,
        'VALIDATION_FAILED',
        ['subjectIds'],
      );
      const badItem = await asLead
        .post(requests)
        .send({ title: 'T', text: 'X', appliesToAll: false, subjectIds: [subjectId, 'nope'] });
      expect(badItem.status).toBe(400);
      expect(problemFields(badItem)).toEqual(['subjectIds']);
      expectProblem(
        await asLead.post(requests).send({ title: 'T', text: 'X', ordinal: 10_001 }),
        400,
        'VALIDATION_FAILED',
        ['ordinal'],
      );
      expect(await t.prisma.subject.count({ where: { auditId } })).toBe(1);
      expect(await t.prisma.auditRequest.count({ where: { auditId } })).toBe(1);
    });

    it('response bodies: the version must be a positive integer, statuses and days must be real', async () => {
      const path = `/api/audits/${auditId}/responses/${responseId}`;
      expectProblem(await asLead.patch(path).send({ answer: 'x' }), 400, 'VALIDATION_FAILED', ['version']);
      expectProblem(await asLead.patch(path).send({ version: '1', answer: 'x' }), 400, 'VALIDATION_FAILED', [
        'version',
      ]);
      expectProblem(await asLead.patch(path).send({ version: 0 }), 400, 'VALIDATION_FAILED', ['version']);
      expectProblem(await asLead.patch(path).send({ version: 1, status: 'DONE' }), 400, 'VALIDATION_FAILED', [
        'status',
      ]);
      expectProblem(await asLead.patch(path).send({ version: 1, dueDate: '2023-06-31' }), 400, 'VALIDATION_FAILED', [
        'dueDate',
      ]);
      expectProblem(await asLead.patch(path).send({ version: 1, answer: 42 }), 400, 'VALIDATION_FAILED', ['answer']);
      expectProblem(
        await asLead.patch(path).send({ version: 1, answer: 'x'.repeat(200_001) }),
        400,
        'VALIDATION_FAILED',
        ['answer'],
      );
      // The longest allowed answer fits in the request body limit.
      const longest = await asLead.patch(path).send({ version: 1, answer: 'y'.repeat(200_000) });
      expect(longest.status).toBe(200);
      expect(longest.body.answer).toHaveLength(200_000);
      expect(longest.body.version).toBe(2);
    });

    it('null for a field that cannot be empty is a 400 naming it, on every update', async () => {
      const provision = await asLead
        .post(`/api/audits/${auditId}/provisions`)
        .send({ reference: `P-${Date.now()}`, title: 'Rate limits' });
      expect(provision.status).toBe(201);
      const a = `/api/audits/${auditId}`;
      const cases: [string, string, Record<string, unknown>, string][] = [
        ['PATCH', a, { title: null }, 'title'],
        ['PATCH', a, { referenceCode: null }, 'referenceCode'],
        ['PATCH', a, { demandingParty: null }, 'demandingParty'],
        ['PATCH', a, { deadlineTimeZone: null }, 'deadlineTimeZone'],
        ['PATCH', a, { status: null }, 'status'],
        ['PATCH', `${a}/subjects/${subjectId}`, { name: null }, 'name'],
        ['PATCH', `${a}/subjects/${subjectId}`, { position: null }, 'position'],
        ['PATCH', `${a}/requests/${requestId}`, { title: null }, 'title'],
        ['PATCH', `${a}/requests/${requestId}`, { ordinal: null }, 'ordinal'],
        ['PATCH', `${a}/requests/${requestId}`, { appliesToAll: null }, 'appliesToAll'],
        ['PATCH', `${a}/provisions/${provision.body.id}`, { reference: null }, 'reference'],
        ['PATCH', `${a}/responses/${responseId}`, { version: 1, status: null }, 'status'],
        ['POST', `${a}/members`, { userId: null, email: null, role: 'VIEWER' }, 'userId|email'],
      ];
      const outcomes = [];
      for (const [method, path, body, field] of cases) {
        const res = await asLead[method === 'POST' ? 'post' : 'patch'](path).send(body);
        const named = problemFields(res).some((f) => field.split('|').includes(f));
        outcomes.push({ body, status: res.status, code: res.body.code, named });
      }
      expect(outcomes).toEqual(
        cases.map(([, , body]) => ({ body, status: 400, code: 'VALIDATION_FAILED', named: true })),
      );
      expect(await t.prisma.audit.findUniqueOrThrow({ where: { id: auditId } })).toMatchObject({ status: 'DRAFT' });
    });

    it('a member role must be one of the audit roles', async () => {
      const res = await asLead.post(`/api/audits/${auditId}/members`).send({ userId: lead.id, role: 'OWNER' });
      expectProblem(res, 400, 'VALIDATION_FAILED', ['role']);
    });

    it('malformed JSON is a 400 problem that says so', async () => {
      const res = await asLead.post('/api/audits').set('Content-Type', 'application/json').send('{"title": "x",');
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.detail).toMatch(/JSON/);
    });

    it('a body over the size limit is 413 problem+json', async () => {
      const res = await asLead
        .patch(`/api/audits/${auditId}/responses/${responseId}`)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ version: 1, answer: 'z'.repeat(3 * 1024 * 1024) }));
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        instance: `/api/audits/${auditId}/responses/${responseId}`,
      });
    });
  });

  describe('path parameters', () => {
    it.each([
      ['/api/audits/not-a-uuid', 'auditId'],
      ['/api/audits/12345', 'auditId'],
      [`/api/audits/${NIL_UUID.slice(0, 35)}`, 'auditId'],
      ['/api/audits/not-a-uuid/subjects', 'auditId'],
      ['/api/audits/not-a-uuid/progress', 'auditId'],
      ['/api/audits/not-a-uuid/activity', 'auditId'],
      ['/api/audits/not-a-uuid/members', 'auditId'],
    ])('GET %s is a 400 naming %s', async (path, param) => {
      const res = await asLead.get(path);
      expectProblem(res, 400, 'VALIDATION_FAILED', [param]);
      expect(res.body.errors[0].message).toBe(`${param} must be a UUID`);
    });

    it('a malformed nested id is named too', async () => {
      expectProblem(await asLead.get(`/api/audits/${auditId}/responses/abc`), 400, 'VALIDATION_FAILED', ['responseId']);
      expectProblem(
        await asLead.patch(`/api/audits/${auditId}/subjects/abc`).send({ name: 'x' }),
        400,
        'VALIDATION_FAILED',
        ['subjectId'],
      );
      expectProblem(await asLead.delete(`/api/audits/${auditId}/requests/abc`), 400, 'VALIDATION_FAILED', [
        'requestId',
      ]);
      expectProblem(await asLead.delete(`/api/audits/${auditId}/members/abc`), 400, 'VALIDATION_FAILED', ['userId']);
      expectProblem(await asLead.delete('/api/auth/tokens/abc'), 400, 'VALIDATION_FAILED', ['tokenId']);
    });

    it('a well-formed id that names nothing is 404', async () => {
      expectProblem(await asLead.get(`/api/audits/${NIL_UUID}`), 404, 'NOT_FOUND');
      expectProblem(await asLead.get(`/api/audits/${auditId}/responses/${NIL_UUID}`), 404, 'NOT_FOUND');
    });

    it('an unknown route is a 404 problem', async () => {
      const res = await asLead.get('/api/no-such-thing');
      expectProblem(res, 404, 'NOT_FOUND');
    });
  });

  describe('query parameters', () => {
    it.each([
      ['/api/audits', { pageSize: '0' }, 'pageSize'],
      ['/api/audits', { pageSize: '501' }, 'pageSize'],
      ['/api/audits', { pageSize: 'ten' }, 'pageSize'],
      ['/api/audits', { page: '0' }, 'page'],
      ['/api/audits', { page: '-1' }, 'page'],
      ['/api/audits', { page: '1.5' }, 'page'],
      ['/api/audits', { status: 'BOGUS' }, 'status'],
      ['/api/audits', { sort: 'title' }, 'sort'],
      ['/api/users', { search: 'x'.repeat(201) }, 'search'],
      ['RESPONSES', { status: 'BOGUS' }, 'status'],
      ['RESPONSES', { status: 'IN_REVIEW,NOPE' }, 'status'],
      ['RESPONSES', { overdue: 'maybe' }, 'overdue'],
      ['RESPONSES', { assigneeId: 'you' }, 'assigneeId'],
      ['RESPONSES', { subjectId: 'abc' }, 'subjectId'],
      ['MEMBERS', { role: 'OWNER' }, 'role'],
      ['ACTIVITY', { actorId: 'abc' }, 'actorId'],
    ])('GET %s with %j is a 400 naming %s', async (path, query, field) => {
      const url =
        path === 'RESPONSES'
          ? `/api/audits/${auditId}/responses`
          : path === 'MEMBERS'
            ? `/api/audits/${auditId}/members`
            : path === 'ACTIVITY'
              ? `/api/audits/${auditId}/activity`
              : path;
      const res = await asLead.get(url).query(query);
      expectProblem(res, 400, 'VALIDATION_FAILED', [field]);
    });
  });

  describe('hostile input never causes a 500', () => {
    // Each case is [method, path, body, the answer it must get]: a specific 4xx naming the
    // offending field, never a 5xx and never a success.
    const NUL = 'a\u0000b';
    type Expected = [status: number, code: string, fields: string[]];
    const invalid = (...fields: string[]): Expected => [400, 'VALIDATION_FAILED', fields];
    const rule = (field: string): Expected => [422, 'RULE_VIOLATION', [field]];
    // A version no response has reached: refused as stale, like any other outdated version.
    const stale: Expected = [409, 'VERSION_CONFLICT', ['version']];
    const AUDIT_FIELDS = [
      'agreementTitle',
      'deadlineTimeZone',
      'demandingParty',
      'receivedOn',
      'referenceCode',
      'respondingParty',
      'responseDeadline',
      'title',
    ];
    // Labels for the report: an audit body is named by what was changed in it.
    const labels = new WeakMap<object, string>();
    const labelled = <T extends object>(body: T, label: string): T => (labels.set(body, label), body);
    const auditWith = (overrides: Record<string, unknown>) =>
      labelled(auditInput(overrides), `audit ${JSON.stringify(overrides)}`);

    // An audit of its own, untouched by the other tests, so every answer is the same in any order.
    let hostile: { auditId: string; subjectId: string; responseId: string };
    beforeAll(async () => {
      const audit = await newAuditViaApi(asLead);
      const subject = await addSubject(asLead, audit.id);
      await addRequest(asLead, audit.id);
      hostile = { auditId: audit.id, subjectId: subject.id, responseId: (await grid(asLead, audit.id))[0].id };
    });

    const cases = (): [string, string, unknown, Expected][] => {
      const { subjectId } = hostile;
      const a = `/api/audits/${hostile.auditId}`;
      const r = `${a}/responses/${hostile.responseId}`;
      return [
        ['POST', '/api/audits', auditWith({ title: NUL }), invalid('title')],
        ['POST', '/api/audits', auditWith({ notes: NUL }), invalid('notes')],
        ['POST', '/api/audits', auditWith({ referenceCode: `NUL-${NUL}` }), invalid('referenceCode')],
        ['POST', '/api/audits', auditWith({ title: { $gt: '' } }), invalid('title')],
        ['POST', '/api/audits', auditWith({ title: ['a', 'b'] }), invalid('title')],
        ['POST', '/api/audits', auditWith({ receivedOn: { year: 2023 } }), invalid('receivedOn')],
        ['POST', '/api/audits', auditWith({ responseDeadline: ['2023-06-07T17:00'] }), invalid('responseDeadline')],
        ['POST', '/api/audits', auditWith({ deadlineTimeZone: { zone: 'UTC' } }), invalid('deadlineTimeZone')],
        ['POST', '/api/audits', auditWith({ deadlineTimeZone: NUL }), invalid('deadlineTimeZone')],
        ['POST', '/api/audits', auditWith({ responseDeadline: '275760-09-13T00:00' }), invalid('responseDeadline')],
        ['POST', '/api/audits', auditWith({ responseDeadline: '9999-12-31T23:59' }), invalid('responseDeadline')],
        ['POST', '/api/audits', auditWith({ receivedOn: '0000-01-01' }), invalid('receivedOn')],
        [
          'POST',
          '/api/audits',
          labelled(
            { ...auditInput(), ...JSON.parse('{"__proto__":{"isAdmin":true}}') },
            'audit with an own __proto__ member',
          ),
          invalid('__proto__'),
        ],
        ['POST', '/api/audits', JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'), invalid('constructor')],
        ['POST', '/api/audits', [], invalid(...AUDIT_FIELDS)],
        ['POST', '/api/audits', [auditInput()], invalid('[0]', ...AUDIT_FIELDS)],
        ['POST', '/api/audits', 'just a string', invalid()],
        ['POST', '/api/audits', 42, invalid()],
        ['POST', '/api/audits', null, invalid()],
        ['PATCH', a, { title: NUL }, invalid('title')],
        ['PATCH', a, { periodStart: { $ne: null } }, invalid('periodStart')],
        ['PATCH', a, { status: ['OPEN'] }, invalid('status')],
        ['PATCH', a, [], invalid('body')],
        ['POST', `${a}/subjects`, { name: NUL }, invalid('name')],
        ['POST', `${a}/subjects`, { name: 'Big', position: 1e308 }, invalid('position')],
        ['POST', `${a}/subjects`, { name: 'Big', position: 2 ** 53 + 2 }, invalid('position')],
        ['POST', `${a}/subjects`, { name: 'Neg', position: -1 }, invalid('position')],
        ['POST', `${a}/subjects`, { name: { en: 'x' } }, invalid('name')],
        ['POST', `${a}/requests`, { title: 'T', text: NUL }, invalid('text')],
        ['POST', `${a}/requests`, { title: 'T', text: 'X', ordinal: 1e308 }, invalid('ordinal')],
        [
          'POST',
          `${a}/requests`,
          { title: 'T', text: 'X', appliesToAll: false, subjectIds: Array(1001).fill(subjectId) },
          invalid('subjectIds'),
        ],
        [
          'POST',
          `${a}/requests`,
          { title: 'T', text: 'X', appliesToAll: false, subjectIds: [{ id: subjectId }] },
          invalid('subjectIds'),
        ],
        ['POST', `${a}/requests`, { title: 'T', text: 'X', provisionId: NIL_UUID }, rule('provisionId')],
        ['PATCH', r, { version: 1e308, answer: 'x' }, stale],
        ['PATCH', r, { version: 2 ** 31, answer: 'x' }, stale],
        ['PATCH', r, { version: -1e308 }, invalid('version')],
        ['PATCH', r, { version: 1, answer: { text: 'x' } }, invalid('answer')],
        ['PATCH', r, { version: 1, answer: NUL }, invalid('answer')],
        ['PATCH', r, { version: 1, assigneeId: NIL_UUID }, rule('assigneeId')],
        ['PATCH', r, { version: 1, dueDate: '+275760-09-13' }, invalid('dueDate')],
        ['PATCH', r, { version: [1] }, invalid('version')],
        ['PATCH', r, { version: 1, dueDate: '0000-01-01' }, invalid('dueDate')],
        ['PATCH', a, { letterDate: '0000-12-31' }, invalid('letterDate')],
        ['POST', `${r}/comments`, { body: NUL }, invalid('body')],
        ['POST', `${r}/comments`, { body: ['x'] }, invalid('body')],
        ['POST', `${a}/members`, { email: `${NUL}@e2e.example.com`, role: 'VIEWER' }, invalid('email')],
        ['POST', `${a}/members`, { userId: NIL_UUID, role: 'VIEWER' }, rule('userId')],
        ['POST', `${a}/members`, { role: 'VIEWER' }, invalid('email', 'userId')],
        ['POST', `${a}/provisions`, { reference: NUL, title: 'T' }, invalid('reference')],
        ['POST', '/api/auth/login', { email: lead.email, password: NUL }, invalid('password')],
        ['POST', '/api/auth/login', { email: { $ne: '' }, password: { $ne: '' } }, invalid('email', 'password')],
        ['POST', '/api/auth/login', { email: `${NUL}@x.com`, password: 'x' }, invalid('email')],
        ['POST', '/api/auth/tokens', { name: NUL }, invalid('name')],
        ['POST', '/api/auth/tokens', { name: 'big', expiresInDays: 1e308 }, invalid('expiresInDays')],
        ['GET', `/api/users?search=${encodeURIComponent(NUL)}`, undefined, invalid('search')],
        ['GET', `${a}/activity?entityType=${encodeURIComponent(NUL)}`, undefined, invalid('entityType')],
        ['GET', `${a}/activity?entityId=%25%00`, undefined, invalid('entityId')],
        ['GET', '/api/audits?__proto__=x', undefined, invalid('__proto__')],
        ['GET', '/api/audits?page=1e20', undefined, invalid('page')],
        ['GET', '/api/audits?page=99999999999999999999999', undefined, invalid('page')],
        ['GET', `${a}/responses?page=1e300&pageSize=500`, undefined, invalid('page')],
        ['GET', '/api/audits?status=OPEN&status=DRAFT', undefined, invalid('status')],
        ['GET', `${a}/responses?subjectId=${subjectId}&subjectId=${subjectId}`, undefined, invalid('subjectId')],
        ['GET', `${a}/responses?overdue=true&overdue=false`, undefined, invalid('overdue')],
        ['GET', `/api/audits/${'%00'.repeat(12)}`, undefined, invalid('auditId')],
        ['GET', `/api/audits/${'9'.repeat(5000)}`, undefined, invalid('auditId')],
      ];
    };

    it('answers every hostile request with the specific 4xx problem naming the field', async () => {
      const label = (method: string, path: string, body: unknown) => {
        const named = body !== null && typeof body === 'object' ? labels.get(body) : undefined;
        const shown = named ?? JSON.stringify(body)?.slice(0, 120) ?? '';
        return `${method} ${path.replace(hostile.auditId, ':auditId').replace(hostile.responseId, ':responseId').slice(0, 200)} ${shown}`;
      };
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const [method, path, body, [status, code, fields]] of cases()) {
        let req = asLead[method.toLowerCase() as 'get' | 'post' | 'patch'](path);
        if (body !== undefined) req = req.set('Content-Type', 'application/json').send(JSON.stringify(body));
        const res: Res = await req;
        const problem = /^application\/problem\+json/.test(res.headers['content-type'] ?? '');
        outcomes.push(
          `${label(method, path, body)} => ${res.status} ${res.body?.code} ${problemFields(res).join(',')} ${problem}`,
        );
        expected.push(`${label(method, path, body)} => ${status} ${code} ${[...fields].sort().join(',')} true`);
      }
      expect(outcomes).toEqual(expected);
      // Nothing was written by any of them.
      expect(await t.prisma.subject.count({ where: { auditId: hostile.auditId } })).toBe(1);
      expect(await t.prisma.auditRequest.count({ where: { auditId: hostile.auditId } })).toBe(1);
      expect(await t.prisma.response.findUniqueOrThrow({ where: { id: hostile.responseId } })).toMatchObject({
        version: 1,
        answer: null,
        assigneeId: null,
      });
    });

    it('a null byte in a text field is a 400 naming the field', async () => {
      expectProblem(await postAudit({ title: 'a\u0000b' }), 400, 'VALIDATION_FAILED', ['title']);
      expectProblem(
        await asLead.post(`/api/audits/${auditId}/subjects`).send({ name: 'a\u0000b' }),
        400,
        'VALIDATION_FAILED',
        ['name'],
      );
    });

    it('arrays and nested objects where a string or an object is expected are 400s', async () => {
      expectProblem(await postAudit({ title: { $gt: '' } }), 400, 'VALIDATION_FAILED', ['title']);
      expectProblem(await postAudit({ referenceCode: ['A', 'B'] }), 400, 'VALIDATION_FAILED', ['referenceCode']);
      const arrayBody = await asLead.post('/api/audits').send([auditInput()]);
      expectProblem(arrayBody, 400, 'VALIDATION_FAILED');
      const login = await asLead.post('/api/auth/login').send({ email: { $ne: '' }, password: { $ne: '' } });
      expectProblem(login, 400, 'VALIDATION_FAILED', ['email', 'password']);
    });

    it('dates outside what the database can store are a 400 naming the field', async () => {
      expectProblem(await postAudit({ receivedOn: '0000-01-01' }), 400, 'VALIDATION_FAILED', ['receivedOn']);
      // 23:59 on 31 December 9999 in New York is already the year 10000 in UTC.
      expectProblem(await postAudit({ responseDeadline: '9999-12-31T23:59' }), 400, 'VALIDATION_FAILED', [
        'responseDeadline',
      ]);
    });

    it('page numbers beyond any real page are a 400 naming the page', async () => {
      for (const page of ['1e20', '99999999999999999999999', '1000001']) {
        expectProblem(await asLead.get('/api/audits').query({ page }), 400, 'VALIDATION_FAILED', ['page']);
      }
      // The largest page allowed is an empty page, not an error.
      const last = await asLead.get('/api/audits').query({ page: '1000000' });
      expect([last.status, last.body.items]).toEqual([200, []]);
    });

    it('an own __proto__ or constructor member is an unknown field, refused by name, at any depth', async () => {
      const proto = await asLead
        .post('/api/audits')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ ...auditInput(), ...JSON.parse('{"__proto__":{"orgRole":"ADMIN"}}') }));
      expectProblem(proto, 400, 'VALIDATION_FAILED', ['__proto__']);
      expect(proto.body.errors[0].message).toBe('__proto__ is not a known field');
      const nested = await asLead
        .put(`/api/audits/${auditId}/reminders/policy`)
        .set('Content-Type', 'application/json')
        .send('{"deadlineDaysBefore":[{"constructor":{"prototype":{"x":1}}}]}');
      expectProblem(nested, 400, 'VALIDATION_FAILED', ['deadlineDaysBefore[0].constructor']);
    });
  });
});
