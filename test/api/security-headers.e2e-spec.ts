// The headers every answer carries, whichever layer wrote it (the body parser's errors too),
// logged-in answers that no cache keeps, request bodies of a type a route does not take, and
// Swagger UI's content security policy.
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/app';
import { type Agent, expectProblem, login, newAuditViaApi, newUser, type Res } from '../support/factories';

/** What helmet sets on every answer, and what Express would give away without it. */
function expectSecurityHeaders(res: Res): void {
  expect(res.headers['x-powered-by']).toBeUndefined();
  expect(res.headers).toMatchObject({
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'SAMEORIGIN',
    'strict-transport-security': expect.stringMatching(/^max-age=/),
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  });
}

describe('security headers and request media types', () => {
  let t: TestApp;
  let asLead: Agent;
  let auditId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const lead = await newUser(t.prisma, { label: 'sec-lead' });
    asLead = await login(t.http, lead.email);
    auditId = (await newAuditViaApi(asLead)).id;
  });
  afterAll(() => t.close());

  describe('every answer carries the security headers and no X-Powered-By', () => {
    it('malformed JSON, answered by the body parser before any route runs', async () => {
      const res = await asLead.post('/api/audits').set('Content-Type', 'application/json').send('{"title": "x",');
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expectSecurityHeaders(res);
    });

    it('a body over the size limit (413), refused by the body parser', async () => {
      const res = await asLead
        .post('/api/audits')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ title: 'z'.repeat(3 * 1024 * 1024) }));
      expect(res.status).toBe(413);
      expectSecurityHeaders(res);
    });

    it('a route’s answer, an unknown route and a public page', async () => {
      expectSecurityHeaders(await asLead.get('/api/audits'));
      expectSecurityHeaders(await request(t.http).get('/api/no-such-route'));
      expectSecurityHeaders(await request(t.http).get('/api/health'));
    });
  });

  describe('caching', () => {
    it('a logged-in user’s answers, errors included, are never stored by a cache', async () => {
      expect((await asLead.get('/api/auth/me')).headers['cache-control']).toBe('no-store');
      expect((await asLead.get(`/api/audits/${auditId}`)).headers['cache-control']).toBe('no-store');
      const missing = await asLead.get('/api/audits/00000000-0000-4000-8000-000000000000');
      expect([missing.status, missing.headers['cache-control']]).toEqual([404, 'no-store']);
    });
  });

  describe('a request body must be of a type the route takes (415 otherwise)', () => {
    it('a route that takes no body refuses one of any type, and works without one', async () => {
      for (const [contentType, body] of [
        ['text/plain', 'hello'],
        ['application/x-www-form-urlencoded', 'a=1'],
        ['application/json', '{"unexpected":true}'],
      ]) {
        const res = await asLead
          .post(`/api/audits/${auditId}/evidence/integrity-checks`)
          .set('Content-Type', contentType)
          .send(body);
        expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
        expect(res.body.detail).toBe(
          `POST /api/audits/${auditId}/evidence/integrity-checks takes no request body; send the request without one.`,
        );
      }
      expect((await asLead.post(`/api/audits/${auditId}/evidence/integrity-checks`)).status).toBe(202);
    });

    it('a JSON route refuses a form or text body instead of reading it as empty', async () => {
      for (const [contentType, body] of [
        ['text/plain', '{"name":"App"}'],
        ['application/x-www-form-urlencoded', 'name=App'],
      ]) {
        const res = await asLead.post(`/api/audits/${auditId}/subjects`).set('Content-Type', contentType).send(body);
        expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
        expect(res.body.detail).toContain('takes a body of type application/json');
      }
      expect((await asLead.get(`/api/audits/${auditId}/subjects`)).body.total).toBe(0);
    });

    it('an upload route refuses JSON: it takes multipart/form-data', async () => {
      const res = await asLead.post(`/api/audits/${auditId}/evidence/files`).send({ title: 'Not a file' });
      expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(res.body.detail).toContain('multipart/form-data');
    });
  });

  describe('Swagger UI', () => {
    it('is served with a content security policy of its own scripts and styles', async () => {
      const page = await request(t.http).get('/api/docs/');
      expect(page.status).toBe(200);
      expectSecurityHeaders(page);
      const policy = Object.fromEntries(
        page.headers['content-security-policy'].split(';').map((d) => {
          const [name, ...values] = d.trim().split(/\s+/);
          return [name, values.join(' ')];
        }),
      );
      expect(policy).toMatchObject({
        'default-src': "'self'",
        'script-src': "'self'",
        'style-src': "'self' 'unsafe-inline'",
        'img-src': "'self' data:",
        'object-src': "'none'",
      });
      // Everything the page loads comes from this origin, as the policy demands.
      const sources = [...page.text.matchAll(/(?:src|href)=["']([^"']+)["']/g)].map((m) => m[1]);
      expect(sources.length).toBeGreaterThan(0);
      expect(sources.filter((s) => /^(https?:)?\/\//.test(s))).toEqual([]);
      expect((await request(t.http).get('/api/docs/swagger-ui-init.js')).status).toBe(200);
    });
  });
});
