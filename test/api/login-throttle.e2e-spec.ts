// The login throttle as several API instances share it: counts kept in Redis, per account and
// client address, the client's address read from X-Forwarded-For only when TRUST_PROXY says so,
// and a guesser who cannot keep the account's owner out.
import request from 'supertest';
import { AppConfig } from '@app/config';
import { AppError } from '../../apps/api/src/common/app-error';
import { LOGIN_THROTTLE, LoginThrottle } from '../../apps/api/src/auth/login-throttle';
import { createTestApp, type TestApp } from '../support/app';
import { expectProblem, newUser, PASSWORD, type Res, uid } from '../support/factories';

const { PAIR_LIMIT, ACCOUNT_CAP, STRICT_PAIR_LIMIT, WINDOW_MS } = LOGIN_THROTTLE;

/** A documentation address (TEST-NET-2) of its own for each call, so tests never share one. */
const newAddress = (() => {
  let n = 0;
  const run = Math.floor(Math.random() * 200);
  return () => {
    n += 1;
    return `198.51.${run}.${n}`;
  };
})();

describe('login throttle', () => {
  // Two instances behind a proxy on the loopback (TRUST_PROXY=loopback), one without it.
  let a: TestApp;
  let b: TestApp;
  let direct: TestApp;

  beforeAll(async () => {
    a = await createTestApp({ env: { TRUST_PROXY: 'loopback' } });
    b = await createTestApp({ env: { TRUST_PROXY: 'loopback' } });
    direct = await createTestApp();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await direct?.close();
  });

  const attempt = (app: TestApp, email: string, password: string, from?: string): Promise<Res> => {
    const req = request(app.http).post('/api/auth/login');
    if (from) req.set('X-Forwarded-For', from);
    return req.send({ email, password });
  };

  /** A 429 as a client reads it: problem+json, and when to try again, at most one window away. */
  const expectThrottled = (res: Res) => {
    expectProblem(res, 429, 'TOO_MANY_REQUESTS');
    const retryAfter = Number(res.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_MS / 1000);
    expect(res.body.retryAfter).toBe(retryAfter);
    expect(res.body.detail).toMatch(/^Too many login attempts\. Try again in/);
    expect(res.headers['set-cookie']).toBeUndefined();
  };

  it('counts one address on one account across instances: the 11th attempt is 429 on either', async () => {
    const user = await newUser(a.prisma, { label: 'shared' });
    const guesser = newAddress();
    for (let i = 1; i <= PAIR_LIMIT; i++) {
      const res = await attempt(i % 2 ? a : b, user.email, `guess-${i}`, guesser);
      expectProblem(res, 401, 'UNAUTHENTICATED');
    }
    // Even the right password waits, on both instances.
    expectThrottled(await attempt(a, user.email, PASSWORD, guesser));
    expectThrottled(await attempt(b, user.email.toUpperCase(), PASSWORD, guesser));
    // The owner at another address is not locked out.
    expect((await attempt(b, user.email, PASSWORD, newAddress())).status).toBe(200);
  });

  it('slows a guesser spread over 4 addresses, and still lets the owner in from a fifth', async () => {
    const user = await newUser(a.prisma, { label: 'spread' });
    const guessers = [newAddress(), newAddress(), newAddress(), newAddress()];
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await attempt(i % 2 ? a : b, user.email, `guess-${i}`, guessers[i % 4]);
      statuses.push(res.status);
      if (res.status === 429) expectThrottled(res);
    }
    // Below PAIR_LIMIT at every address, but past the account's cap the guessers are stopped.
    expect(statuses).toEqual([...Array(ACCOUNT_CAP).fill(401), ...Array(20 - ACCOUNT_CAP).fill(429)]);
    for (const from of guessers) expectThrottled(await attempt(a, user.email, PASSWORD, from));

    // The owner, at an address the guesser has not used, logs in at the first try.
    expect((await attempt(b, user.email, PASSWORD, newAddress())).status).toBe(200);
    // While the account is under attack, a new address gets STRICT_PAIR_LIMIT tries.
    const newcomer = newAddress();
    for (let i = 0; i < STRICT_PAIR_LIMIT; i++) {
      expectProblem(await attempt(a, user.email, `late-${i}`, newcomer), 401, 'UNAUTHENTICATED');
    }
    expectThrottled(await attempt(b, user.email, PASSWORD, newcomer));
  });

  it('takes back the attempts of a login that succeeds', async () => {
    const user = await newUser(a.prisma, { label: 'forgetful' });
    const from = newAddress();
    for (let i = 1; i < PAIR_LIMIT; i++) {
      expectProblem(await attempt(a, user.email, `typo-${i}`, from), 401, 'UNAUTHENTICATED');
    }
    expect((await attempt(b, user.email, PASSWORD, from)).status).toBe(200);
    // That address starts again (without it, the next attempt would be the 11th): it may fail
    // until the account's failures reach ACCOUNT_CAP, then has only STRICT_PAIR_LIMIT tries.
    for (let i = PAIR_LIMIT; i <= ACCOUNT_CAP; i++) {
      expectProblem(await attempt(b, user.email, `again-${i}`, from), 401, 'UNAUTHENTICATED');
    }
    expectThrottled(await attempt(a, user.email, PASSWORD, from));
  });

  it('believes X-Forwarded-For only with TRUST_PROXY: without it, a changing header is one address', async () => {
    const user = await newUser(a.prisma, { label: 'direct' });
    for (let i = 1; i <= PAIR_LIMIT; i++) {
      expectProblem(await attempt(direct, user.email, `guess-${i}`, newAddress()), 401, 'UNAUTHENTICATED');
    }
    expectThrottled(await attempt(direct, user.email, PASSWORD, newAddress()));

    // The same sequence through the trusting instances counts each address on its own.
    const other = await newUser(a.prisma, { label: 'proxied' });
    for (let i = 1; i <= PAIR_LIMIT; i++) {
      expectProblem(await attempt(a, other.email, `guess-${i}`, newAddress()), 401, 'UNAUTHENTICATED');
    }
    expect((await attempt(a, other.email, PASSWORD, newAddress())).status).toBe(200);
  });

  // The rule itself, on the same Redis, with limits small enough to reach without argon2.
  describe('rule', () => {
    const limits = { WINDOW_MS: 60_000, PAIR_LIMIT: 4, ACCOUNT_CAP: 6, STRICT_PAIR_LIMIT: 2, ADDRESS_LIMIT: 8 };
    let throttle: LoginThrottle;
    beforeAll(() => {
      throttle = new LoginThrottle(a.app.get(AppConfig), limits);
    });
    afterAll(() => throttle?.onModuleDestroy());

    const waitOf = async (email: string, from: string): Promise<number | 'counted'> => {
      try {
        await throttle.begin(email, from);
        return 'counted';
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        return (error as AppError).extensions.retryAfter as number;
      }
    };

    it('stops one address trying many accounts at ADDRESS_LIMIT, and only that address', async () => {
      const from = newAddress();
      for (let i = 0; i < limits.ADDRESS_LIMIT; i++)
        expect(await waitOf(`a${i}-${uid()}@x.example`, from)).toBe('counted');
      const wait = await waitOf(`fresh-${uid()}@x.example`, from);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
      expect(await waitOf(`fresh-${uid()}@x.example`, newAddress())).toBe('counted');
    });

    it('does not count refused attempts: a blocked guesser cannot push the account over its cap', async () => {
      const email = `target-${uid()}@x.example`;
      const guesser = newAddress();
      for (let i = 0; i < limits.PAIR_LIMIT; i++) expect(await waitOf(email, guesser)).toBe('counted');
      for (let i = 0; i < 10; i++) expect(await waitOf(email, guesser)).not.toBe('counted');
      // The account has PAIR_LIMIT failures, below its cap: elsewhere, the full allowance.
      const owner = newAddress();
      for (let i = 0; i < limits.ACCOUNT_CAP - limits.PAIR_LIMIT; i++)
        expect(await waitOf(email, owner)).toBe('counted');
      // Now at the cap: an address past STRICT_PAIR_LIMIT waits, a new one still gets its tries.
      expect(await waitOf(email, owner)).not.toBe('counted');
      expect(await waitOf(email, newAddress())).toBe('counted');
    });
  });
});
