import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { OrgRole } from '@app/domain';
import { Public } from '@app/health';
export { Public, PUBLIC_ROUTE as IS_PUBLIC_KEY } from '@app/health';

/** Metadata key of public routes that still read the caller's session or token when there is one. */
export const OPTIONAL_LOGIN_KEY = 'auditdesk:optional-login';

/**
 * A route anyone may call (no 401) that sees the caller when they are logged in: `@Auth()` is
 * then their AuthContext, and undefined for a visitor. For questions like "is anyone logged
 * in?" that a 401 would answer as an error (a browser logs every 401 in its console).
 */
export const OptionalLogin = () => applyDecorators(Public(), SetMetadata(OPTIONAL_LOGIN_KEY, true));

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  timeZone: string;
  orgRole: OrgRole;
  /** An admin allowed them to open new audits (`mayOpenAudits` in @app/domain decides). */
  canOpenAudits: boolean;
}

/** Who is calling, and through which credential. */
export interface AuthContext {
  user: AuthUser;
  sessionId: string | null;
  apiTokenId: string | null;
}

export const SESSION_COOKIE = 'auditdesk_session';

/** The caller's AuthContext, set by AuthGuard. */
export const Auth = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthContext => ctx.switchToHttp().getRequest<{ auth: AuthContext }>().auth,
);
