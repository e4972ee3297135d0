import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthContext } from '../auth/auth-context';

/**
 * Signing re-enters a password, so it is throttled like a login (the same window and limit):
 * counted per client address and account, so guessing a signer's password from a session left
 * open is slowed down. The counters live in this process, as the login's do.
 */
@Injectable()
export class CertificationThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(req: { ip?: string; auth?: AuthContext }): Promise<string> {
    return Promise.resolve(`certify|${req.ip ?? 'unknown'}|${req.auth?.user.id ?? ''}`);
  }
}
