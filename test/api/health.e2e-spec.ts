// GET /api/health: public, and reports the two services the API cannot work without.
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/app';

describe('GET /api/health', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers without credentials: 200 with database and redis up', async () => {
    const res = await request(t.http).get('/api/health');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
      error: {},
      details: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('needs no cookie even when a stale one is sent', async () => {
    const res = await request(t.http).get('/api/health').set('Cookie', 'auditdesk_session=not-a-session');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });
});
