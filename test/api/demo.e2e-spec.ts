// GET /api/demo/logins: the login page's list of demo users, only on a demo install.
import request from 'supertest';
import { AppConfig } from '@app/config';
import { DEMO_PASSWORD, DEMO_USERS } from '../../prisma/seed/reference-case';
import { seedDemo } from '../../prisma/seed/seed-demo';
import { createTestApp, type TestApp } from '../support/app';
import { useOwnDatabase } from '../support/own-database';
import { seedServicesOf } from '../support/seed';

describe('demo logins', () => {
  let t: TestApp;
  let dropDatabase: () => Promise<void>;
  beforeAll(async () => {
    // The seeded demo users, in a database of this file's own.
    dropDatabase = await useOwnDatabase('demo');
    t = await createTestApp();
    await seedDemo(t.prisma, seedServicesOf(t));
  });
  afterAll(async () => {
    await t?.close();
    await dropDatabase?.();
  });

  it('do not exist outside demo mode (404 problem), so a real install advertises no accounts', async () => {
    t.app.get(AppConfig).DEMO_MODE = false;
    const res = await request(t.http).get('/api/demo/logins');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(res.body)).not.toContain(DEMO_PASSWORD);
  });

  it('in demo mode list the seeded users and their password, without logging in', async () => {
    t.app.get(AppConfig).DEMO_MODE = true;
    const res = await request(t.http).get('/api/demo/logins');
    expect(res.status).toBe(200);
    expect(res.body.password).toBe(DEMO_PASSWORD);
    expect(res.body.users).toEqual(DEMO_USERS.map(({ email, name, job }) => ({ email, name, job })));
    // The listed password really logs in.
    const login = await request(t.http)
      .post('/api/auth/login')
      .send({ email: res.body.users[0].email, password: res.body.password });
    expect(login.status).toBe(200);
  });
});
