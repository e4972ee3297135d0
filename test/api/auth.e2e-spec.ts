// Logging in and out, the session cookie, and personal API tokens, as a user or a script
// meets them.
import request from 'supertest';
import { hashSecret } from '@app/accounts';
import { createTestApp, type TestApp } from '../support/app';
import { bearerAgent, expectProblem, login, newUser, PASSWORD, type Res, type TestUser } from '../support/factories';

const COOKIE = 'auditdesk_session';
const BAD_CREDENTIALS = 'Email or password is incorrect.';

/** The session cookie set by a response, with its attributes. */
function sessionCookie(res: Res): { value: string; attributes: string[] } | undefined {
  const header = res.headers['set-cookie'] as unknown as string[] | undefined;
  const raw = header?.find((c) => c.startsWith(`${COOKIE}=`));
  if (!raw) return undefined;
  const [pair, ...attributes] = raw.split(';').map((p) => p.trim());
  return { value: decodeURIComponent(pair.slice(COOKIE.length + 1)), attributes };
}

describe('auth', () => {
  let t: TestApp;
  let alice: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ now: '2024-03-01T09:00:00Z' });
    alice = await newUser(t.prisma, { label: 'alice', timeZone: 'Europe/Dublin' });
  });
  afterAll(() => t.close());

  describe('login', () => {
    it('returns the user and sets an httpOnly, SameSite=Lax session cookie that /auth/me accepts', async () => {
      const res = await request(t.http).post('/api/auth/login').send({ email: alice.email, password: PASSWORD });

      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: alice.id,
        email: alice.email,
        name: alice.name,
        timeZone: 'Europe/Dublin',
        orgRole: 'MEMBER',
        canOpenAudits: true,
      });
      const cookie = sessionCookie(res)!;
      expect(cookie).toBeDefined();
      expect(cookie.value.length).toBeGreaterThanOrEqual(32);
      expect(cookie.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'Path=/', 'SameSite=Lax']));
      // Only the hash of the secret is stored, never the secret itself.
      const session = await t.prisma.session.findUnique({ where: { tokenHash: hashSecret(cookie.value) } });
      expect(session).toMatchObject({ userId: alice.id });
      expect(await t.prisma.session.count({ where: { tokenHash: cookie.value } })).toBe(0);

      const me = await request(t.http).get('/api/auth/me').set('Cookie', `${COOKIE}=${cookie.value}`);
      expect(me.status).toBe(200);
      expect(me.body).toEqual(res.body);
    });

    it('treats the email case-insensitively', async () => {
      const res = await request(t.http)
        .post('/api/auth/login')
        .send({ email: alice.email.toUpperCase(), password: PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(alice.id);
      expect(res.body.email).toBe(alice.email);
    });

    it('answers a wrong password and an unknown email with the same 401, and sets no cookie', async () => {
      const wrongPassword = await request(t.http)
        .post('/api/auth/login')
        .send({ email: alice.email, password: `${PASSWORD}x` });
      const unknownEmail = await request(t.http)
        .post('/api/auth/login')
        .send({ email: `nobody-${alice.id}@e2e.example.com`, password: PASSWORD });

      for (const res of [wrongPassword, unknownEmail]) {
        expectProblem(res, 401, 'UNAUTHENTICATED');
        expect(res.body.detail).toBe(BAD_CREDENTIALS);
        expect(sessionCookie(res)).toBeUndefined();
      }
      const { instance: _a, ...first } = wrongPassword.body;
      const { instance: _b, ...second } = unknownEmail.body;
      expect(first).toEqual(second);
    });

    it('slows password guessing: after 10 attempts for one account the 11th is 429, even with the right password', async () => {
      const target = await newUser(t.prisma, { label: 'guessed' });
      for (let attempt = 1; attempt <= 10; attempt++) {
        const res = await request(t.http)
          .post('/api/auth/login')
          .send({ email: target.email, password: `guess-${attempt}` });
        expectProblem(res, 401, 'UNAUTHENTICATED');
      }
      const blocked = await request(t.http)
        .post('/api/auth/login')
        .send({ email: target.email.toUpperCase(), password: PASSWORD });
      expectProblem(blocked, 429, 'TOO_MANY_REQUESTS');
      expect(sessionCookie(blocked)).toBeUndefined();
      // Other accounts from the same address are not locked out.
      expect(
        (await request(t.http).post('/api/auth/login').send({ email: alice.email, password: PASSWORD })).status,
      ).toBe(200);
    });

    it('refuses an inactive user with the right password, like a wrong password', async () => {
      const inactive = await newUser(t.prisma, { label: 'inactive', active: false });
      const res = await request(t.http).post('/api/auth/login').send({ email: inactive.email, password: PASSWORD });
      expectProblem(res, 401, 'UNAUTHENTICATED');
      expect(res.body.detail).toBe(BAD_CREDENTIALS);
      expect(await t.prisma.session.count({ where: { userId: inactive.id } })).toBe(0);
    });

    it('ends the sessions of a user who is deactivated after logging in', async () => {
      const bob = await newUser(t.prisma, { label: 'bob' });
      const agent = await login(t.http, bob.email);
      expect((await agent.get('/api/auth/me')).status).toBe(200);

      await t.prisma.user.update({ where: { id: bob.id }, data: { active: false } });

      expectProblem(await agent.get('/api/auth/me'), 401, 'UNAUTHENTICATED');
    });

    it('rejects a body without a password as invalid input, naming the field', async () => {
      const res = await request(t.http).post('/api/auth/login').send({ email: alice.email });
      expectProblem(res, 400, 'VALIDATION_FAILED', ['password']);
    });
  });

  describe('sessions', () => {
    it('logout ends the session server-side: the old cookie no longer works', async () => {
      const res = await request(t.http).post('/api/auth/login').send({ email: alice.email, password: PASSWORD });
      const cookie = `${COOKIE}=${sessionCookie(res)!.value}`;
      expect((await request(t.http).get('/api/auth/me').set('Cookie', cookie)).status).toBe(200);

      const logout = await request(t.http).post('/api/auth/logout').set('Cookie', cookie);
      expect(logout.status).toBe(204);
      expect(logout.text).toBe('');
      // The browser is told to drop the cookie...
      const cleared = sessionCookie(logout)!;
      expect(cleared.value).toBe('');
      expect(cleared.attributes.join(';')).toMatch(/Expires=Thu, 01 Jan 1970/);
      // ...and a client that keeps it anyway is refused.
      const me = await request(t.http).get('/api/auth/me').set('Cookie', cookie);
      expectProblem(me, 401, 'UNAUTHENTICATED');
      expect(await t.prisma.session.count({ where: { tokenHash: hashSecret(sessionCookie(res)!.value) } })).toBe(0);
    });

    it('a logged-out agent gets 401 on /auth/me', async () => {
      const agent = await login(t.http, alice.email);
      expect((await agent.post('/api/auth/logout')).status).toBe(204);
      expectProblem(await agent.get('/api/auth/me'), 401, 'UNAUTHENTICATED');
    });

    it('a session expires after its lifetime (12 hours by default) without use', async () => {
      const carol = await newUser(t.prisma, { label: 'carol' });
      const agent = await login(t.http, carol.email);
      const start = t.clock.now();
      try {
        t.clock.set(new Date(start.getTime() + 13 * 3_600_000));
        expectProblem(await agent.get('/api/auth/me'), 401, 'UNAUTHENTICATED');
      } finally {
        t.clock.set(start);
      }
    });

    it('a session ends a week after its login however active (SESSION_MAX_HOURS), and the user logs in again', async () => {
      const dana = await newUser(t.prisma, { label: 'dana' });
      const agent = await login(t.http, dana.email);
      const start = t.clock.now();
      try {
        // Used every 11 hours, within the 12-hour idle lifetime each time: it slides, up to the week.
        const answers: number[] = [];
        for (let hours = 11; hours < 168; hours += 11) {
          t.clock.set(new Date(start.getTime() + hours * 3_600_000));
          answers.push((await agent.get('/api/auth/me')).status);
        }
        expect(answers).toEqual(Array(answers.length).fill(200));
        t.clock.set(new Date(start.getTime() + 168 * 3_600_000));
        expectProblem(await agent.get('/api/auth/me'), 401, 'UNAUTHENTICATED');
        expect(
          (await request(t.http).post('/api/auth/login').send({ email: dana.email, password: PASSWORD })).status,
        ).toBe(200);
      } finally {
        t.clock.set(start);
      }
    });

    it('an unknown or forged cookie is refused', async () => {
      const res = await request(t.http).get('/api/auth/me').set('Cookie', `${COOKIE}=forged-secret`);
      expectProblem(res, 401, 'UNAUTHENTICATED');
    });
  });

  describe('no credentials', () => {
    it.each(['/api/auth/me', '/api/audits', '/api/users', '/api/auth/tokens'])(
      'GET %s is 401 problem+json',
      async (path) => {
        const res = await request(t.http).get(path);
        expectProblem(res, 401, 'UNAUTHENTICATED');
        expect(res.body).toEqual({
          type: 'urn:auditdesk:problem:unauthenticated',
          title: 'Unauthorized',
          status: 401,
          detail: 'Log in or send a valid API token.',
          instance: path,
          code: 'UNAUTHENTICATED',
        });
      },
    );

    it('writes are refused before validation: POST /api/audits with a bad body is 401, not 400', async () => {
      const res = await request(t.http).post('/api/audits').send({ nonsense: true });
      expectProblem(res, 401, 'UNAUTHENTICATED');
    });
  });

  describe('GET /auth/session (the web UI asks it first)', () => {
    it('answers 200 with no user for a visitor, a forged cookie or a logged-out session: no 401 in the console', async () => {
      const visitor = await request(t.http).get('/api/auth/session');
      expect(visitor.status).toBe(200);
      expect(visitor.body).toEqual({ user: null });
      expect(visitor.headers['cache-control']).toBe('no-store');

      const forged = await request(t.http).get('/api/auth/session').set('Cookie', `${COOKIE}=forged-secret`);
      expect([forged.status, forged.body]).toEqual([200, { user: null }]);

      const agent = await login(t.http, alice.email);
      expect((await agent.post('/api/auth/logout')).status).toBe(204);
      expect((await agent.get('/api/auth/session')).body).toEqual({ user: null });
    });

    it('answers the logged-in user, by cookie or bearer token, exactly as /auth/me does', async () => {
      const agent = await login(t.http, alice.email);
      const session = await agent.get('/api/auth/session');
      expect(session.status).toBe(200);
      expect(session.headers['cache-control']).toBe('no-store');
      expect(session.body).toEqual({ user: (await agent.get('/api/auth/me')).body });
      expect(session.body.user).toMatchObject({ id: alice.id, email: alice.email });

      const { token } = (await agent.post('/api/auth/tokens').send({ name: 'session probe' })).body as {
        token: string;
      };
      expect((await bearerAgent(t.http, token).get('/api/auth/session')).body.user).toMatchObject({ id: alice.id });
      // A bad token is a visitor here, where every other route refuses it.
      expect((await bearerAgent(t.http, `${token}x`).get('/api/auth/session')).body).toEqual({ user: null });
    });
  });

  describe('personal API tokens', () => {
    it('are created once with their secret, used as Bearer, listed without it, and revoked', async () => {
      const dave = await newUser(t.prisma, { label: 'dave' });
      const session = await login(t.http, dave.email);

      const created = await session.post('/api/auth/tokens').send({ name: '  nightly export  ' });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        name: 'nightly export',
        createdAt: expect.any(String),
        lastUsedAt: null,
        expiresAt: null,
        token: expect.stringMatching(/^adk_[A-Za-z0-9_-]{40,}$/),
      });
      const { id, token } = created.body as { id: string; token: string };
      const stored = await t.prisma.apiToken.findUniqueOrThrow({ where: { id } });
      expect(stored.tokenHash).toBe(hashSecret(token));
      expect(JSON.stringify(stored)).not.toContain(token);

      // A script uses it with no cookie.
      const script = bearerAgent(t.http, token);
      const me = await script.get('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body).toEqual({
        id: dave.id,
        email: dave.email,
        name: dave.name,
        timeZone: 'UTC',
        orgRole: 'MEMBER',
        canOpenAudits: true,
      });
      expect((await script.get('/api/audits')).status).toBe(200);
      // "bearer" is matched regardless of case.
      expect((await request(t.http).get('/api/auth/me').set('Authorization', `bearer ${token}`)).status).toBe(200);

      const list = await session.get('/api/auth/tokens');
      expect(list.status).toBe(200);
      expect(list.body).toEqual([
        {
          id,
          name: 'nightly export',
          createdAt: created.body.createdAt,
          lastUsedAt: t.clock.now().toISOString(),
          expiresAt: null,
        },
      ]);
      expect(JSON.stringify(list.body)).not.toContain(token);

      // "Last used" is kept to the minute: a call 30 s later writes nothing, one after a minute does.
      const firstUse = t.clock.now();
      try {
        t.clock.set(new Date(firstUse.getTime() + 30_000));
        expect((await script.get('/api/auth/me')).status).toBe(200);
        expect((await session.get('/api/auth/tokens')).body[0].lastUsedAt).toBe(firstUse.toISOString());
        const later = new Date(firstUse.getTime() + 61_000);
        t.clock.set(later);
        expect((await script.get('/api/auth/me')).status).toBe(200);
        expect((await session.get('/api/auth/tokens')).body[0].lastUsedAt).toBe(later.toISOString());
      } finally {
        t.clock.set(firstUse);
      }

      const revoked = await session.delete(`/api/auth/tokens/${id}`);
      expect(revoked.status).toBe(204);
      expectProblem(await script.get('/api/auth/me'), 401, 'UNAUTHENTICATED');
      expect((await session.get('/api/auth/tokens')).body).toEqual([]);
      // Revoking twice: the token is gone.
      expectProblem(await session.delete(`/api/auth/tokens/${id}`), 404, 'NOT_FOUND');
    });

    it('a token with expiresInDays stops working after that many days', async () => {
      const erin = await newUser(t.prisma, { label: 'erin' });
      const session = await login(t.http, erin.email);
      const created = await session.post('/api/auth/tokens').send({ name: 'short-lived', expiresInDays: 2 });
      expect(created.status).toBe(201);
      const start = t.clock.now();
      expect(created.body.expiresAt).toBe(new Date(start.getTime() + 2 * 86_400_000).toISOString());

      const script = bearerAgent(t.http, created.body.token);
      try {
        t.clock.set(new Date(start.getTime() + 2 * 86_400_000 - 1000));
        expect((await script.get('/api/auth/me')).status).toBe(200);
        t.clock.set(new Date(start.getTime() + 2 * 86_400_000 + 1000));
        expectProblem(await script.get('/api/auth/me'), 401, 'UNAUTHENTICATED');
      } finally {
        t.clock.set(start);
      }
    });

    it('a token may not create one that outlives it: 400 naming expiresInDays; a shorter one is made', async () => {
      const fay = await newUser(t.prisma, { label: 'fay' });
      const session = await login(t.http, fay.email);
      const daily = await session.post('/api/auth/tokens').send({ name: 'one day', expiresInDays: 1 });
      expect(daily.status).toBe(201);
      const script = bearerAgent(t.http, daily.body.token);
      for (const body of [{ name: 'forever' }, { name: 'longer', expiresInDays: 2 }]) {
        const res = await script.post('/api/auth/tokens').send(body);
        expectProblem(res, 400, 'VALIDATION_FAILED', ['expiresInDays']);
        expect(res.body.errors[0].message).toContain('may not create one that outlives it');
      }
      const shorter = await script.post('/api/auth/tokens').send({ name: 'as long', expiresInDays: 1 });
      expect([shorter.status, shorter.body.expiresAt]).toEqual([201, daily.body.expiresAt]);
      expect((await session.get('/api/auth/tokens')).body.map((k: { name: string }) => k.name).sort()).toEqual([
        'as long',
        'one day',
      ]);
      // A login session, where the password was given, may still make a lasting token.
      expect((await session.post('/api/auth/tokens').send({ name: 'lasting' })).body.expiresAt).toBeNull();
    });

    it("a user cannot see or revoke someone else's token", async () => {
      const owner = await newUser(t.prisma, { label: 'owner' });
      const other = await newUser(t.prisma, { label: 'other' });
      const ownerSession = await login(t.http, owner.email);
      const otherSession = await login(t.http, other.email);
      const created = await ownerSession.post('/api/auth/tokens').send({ name: 'mine' });

      expect((await otherSession.get('/api/auth/tokens')).body).toEqual([]);
      expectProblem(await otherSession.delete(`/api/auth/tokens/${created.body.id}`), 404, 'NOT_FOUND');
      expect((await bearerAgent(t.http, created.body.token).get('/api/auth/me')).body.id).toBe(owner.id);
    });

    it('a made-up or malformed bearer token is 401', async () => {
      for (const header of ['Bearer adk_made-up-token-that-does-not-exist', 'Bearer not-a-token', 'Bearer ']) {
        expectProblem(await request(t.http).get('/api/auth/me').set('Authorization', header), 401, 'UNAUTHENTICATED');
      }
    });

    it('a token name is required and limited to 100 characters', async () => {
      const session = await login(t.http, alice.email);
      expectProblem(await session.post('/api/auth/tokens').send({ name: '   ' }), 400, 'VALIDATION_FAILED', ['name']);
      expectProblem(await session.post('/api/auth/tokens').send({ name: 'x'.repeat(101) }), 400, 'VALIDATION_FAILED', [
        'name',
      ]);
      expectProblem(
        await session.post('/api/auth/tokens').send({ name: 'ok', expiresInDays: 0 }),
        400,
        'VALIDATION_FAILED',
        ['expiresInDays'],
      );
    });
  });
});
