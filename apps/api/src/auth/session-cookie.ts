import type { CookieOptions, Response } from 'express';
import type { AppConfig } from '@app/config';
import { SESSION_COOKIE } from './auth-context';

/** The one place that writes the session cookie, at login and whenever the session slides. */
export function writeSessionCookie(res: Response, secret: string, config: AppConfig): void {
  res.cookie(SESSION_COOKIE, secret, sessionCookieOptions(config));
}

export function clearSessionCookie(res: Response, config: AppConfig): void {
  const { maxAge: _maxAge, ...options } = sessionCookieOptions(config);
  res.clearCookie(SESSION_COOKIE, options);
}

/** How long a session lives without use; the cookie and the stored expiry both follow it. */
export const sessionTtlMs = (config: AppConfig): number => config.SESSION_TTL_HOURS * 3_600_000;

/** The longest a session lasts from its login, however active. */
export const sessionMaxMs = (config: AppConfig): number => config.SESSION_MAX_HOURS * 3_600_000;

function sessionCookieOptions(config: AppConfig): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    // Unset COOKIE_SECURE means: secure in production, plain HTTP allowed elsewhere.
    secure: config.COOKIE_SECURE ?? config.NODE_ENV === 'production',
    path: '/',
    maxAge: sessionTtlMs(config),
  };
}
