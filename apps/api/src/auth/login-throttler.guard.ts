import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { normalizeEmail } from '@app/accounts';

/** How many logins one address may try for one account in the window, before 429. */
export const LOGIN_ATTEMPTS = { limit: 10, ttl: 15 * 60_000 } as const;

/**
 * Counts login attempts per client address and account, so guessing one account's password
 * is slowed down without one office's shared address locking out everyone in it.
 * The counters live in this process: several API instances would need a Redis store.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(req: { ip?: string; body?: { email?: unknown } }): Promise<string> {
    const email = typeof req.body?.email === 'string' ? normalizeEmail(req.body.email) : '';
    return Promise.resolve(`${req.ip ?? 'unknown'}|${email}`);
  }
}
