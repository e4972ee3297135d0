import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { OrgRole } from '@app/domain';
export { Public, PUBLIC_ROUTE as IS_PUBLIC_KEY } from '@app/health';

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
