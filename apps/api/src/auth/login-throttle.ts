import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@app/config';
import { AppError } from '../common/app-error';

/**
 * The login throttle's rule. Counters live in Redis, so every API instance sees the same
 * counts; each is a fixed window that starts at its first attempt and expires WINDOW_MS later
 * (a lockout always ends by itself). A login that succeeds takes back its own attempt.
 *
 * - One address, one account: PAIR_LIMIT attempts per window. Slows a guesser at one address
 *   without touching the account's owner elsewhere, or colleagues behind the same address.
 * - One account, all addresses: once ACCOUNT_CAP attempts have failed in the window (a guesser
 *   spread over many addresses), every address gets only STRICT_PAIR_LIMIT attempts for that
 *   account until the window ends. The account is never locked as a whole: its owner, at an
 *   address the guesser has not used, still has STRICT_PAIR_LIMIT tries, so the throttle
 *   cannot be used to keep a named user out; a guesser pays one new address per
 *   STRICT_PAIR_LIMIT guesses.
 * - One address, all accounts: ADDRESS_LIMIT failed attempts per window (one address trying
 *   many accounts).
 *
 * The address is the request's client address: behind a reverse proxy, TRUST_PROXY must say
 * which proxies to believe, or every client counts as the proxy's one address.
 */
export const LOGIN_THROTTLE: Readonly<
  Record<'WINDOW_MS' | 'PAIR_LIMIT' | 'ACCOUNT_CAP' | 'STRICT_PAIR_LIMIT' | 'ADDRESS_LIMIT', number>
> = {
  WINDOW_MS: 15 * 60_000,
  PAIR_LIMIT: 10,
  ACCOUNT_CAP: 15,
  STRICT_PAIR_LIMIT: 3,
  ADDRESS_LIMIT: 100,
};

export type LoginThrottleLimits = typeof LOGIN_THROTTLE;

/** Other limits than LOGIN_THROTTLE's (tests of the rule itself). */
export const LOGIN_THROTTLE_LIMITS = Symbol('LOGIN_THROTTLE_LIMITS');

// KEYS: pair, account, address. ARGV: window ms, pair limit, account cap, strict pair limit,
// address limit. Returns 0 when the attempt is counted, else the milliseconds to wait.
// One script, so concurrent attempts on any instance cannot all slip under a limit.
const BEGIN_ATTEMPT = `
local window = tonumber(ARGV[1])
local function count(key) return tonumber(redis.call('GET', key) or '0') end
local function ttl(key)
  local ms = redis.call('PTTL', key)
  if ms > 0 then return ms end
  return window
end
local pair, account, address = count(KEYS[1]), count(KEYS[2]), count(KEYS[3])
local wait = 0
if address >= tonumber(ARGV[5]) then wait = ttl(KEYS[3]) end
if pair >= tonumber(ARGV[2]) then
  wait = math.max(wait, ttl(KEYS[1]))
elseif account >= tonumber(ARGV[3]) and pair >= tonumber(ARGV[4]) then
  wait = math.max(wait, math.min(ttl(KEYS[1]), ttl(KEYS[2])))
end
if wait > 0 then return wait end
for i = 1, 3 do
  if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], window) end
end
return 0
`;

// KEYS: pair, account, address. A successful login: the pair starts again, and the account's
// and the address's counts lose this attempt (so they count failures).
const SUCCEEDED = `
redis.call('DEL', KEYS[1])
for i = 2, 3 do
  if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
end
return 0
`;

export interface LoginAttempt {
  keys: [pair: string, account: string, address: string];
}

type ThrottleRedis = Redis & {
  beginLoginAttempt(pair: string, account: string, address: string, ...args: number[]): Promise<number>;
  loginSucceeded(pair: string, account: string, address: string): Promise<number>;
};

@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly redis: ThrottleRedis;
  private readonly prefix: string;

  constructor(
    config: AppConfig,
    @Optional() @Inject(LOGIN_THROTTLE_LIMITS) private readonly limits: LoginThrottleLimits = LOGIN_THROTTLE,
  ) {
    // One reconnection try per command: while Redis is down a login waits briefly, not forever.
    this.redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 }) as ThrottleRedis;
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('beginLoginAttempt', { numberOfKeys: 3, lua: BEGIN_ATTEMPT });
    this.redis.defineCommand('loginSucceeded', { numberOfKeys: 3, lua: SUCCEEDED });
    // Under the install's (and each test run's) Redis prefix, beside its queues.
    this.prefix = `${config.QUEUE_PREFIX}:login-throttle`;
  }

  /**
   * Counts an attempt to log in to `email` (normalised) from `address`, or throws 429 with
   * the seconds to wait (its message names `what` was tried: a release's code is counted too). When Redis cannot be reached the attempt is let through and logged:
   * logins keep working (sessions live in PostgreSQL) while the throttle is down.
   */
  async begin(email: string, address: string | undefined, what = 'login attempts'): Promise<LoginAttempt> {
    const account = createHash('sha256').update(email).digest('hex').slice(0, 32);
    const from = address || 'unknown';
    const keys: LoginAttempt['keys'] = [
      `${this.prefix}:pair:${account}:${from}`,
      `${this.prefix}:account:${account}`,
      `${this.prefix}:address:${from}`,
    ];
    const t = this.limits;
    let waitMs: number;
    try {
      waitMs = await this.redis.beginLoginAttempt(
        ...keys,
        t.WINDOW_MS,
        t.PAIR_LIMIT,
        t.ACCOUNT_CAP,
        t.STRICT_PAIR_LIMIT,
        t.ADDRESS_LIMIT,
      );
    } catch (error) {
      this.logger.error(`login throttle unavailable, attempt not counted: ${(error as Error).message}`);
      return { keys };
    }
    if (waitMs > 0) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      const minutes = Math.ceil(seconds / 60);
      throw AppError.tooManyRequests(
        `Too many ${what}. Try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}.`,
        seconds,
      );
    }
    return { keys };
  }

  /** The attempt logged in: it no longer counts against the account or the address. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    try {
      await this.redis.loginSucceeded(...attempt.keys);
    } catch (error) {
      this.logger.error(`login throttle unavailable after a login: ${(error as Error).message}`);
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
