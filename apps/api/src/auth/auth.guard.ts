import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppError, ErrorCode } from '../common/app-error';
import { IS_PUBLIC_KEY, SESSION_COOKIE } from './auth-context';
import { AuthService } from './auth.service';

/** Global guard: every route needs a session cookie or a bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;

    const request = context.switchToHttp().getRequest<Request & { auth?: unknown }>();
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const cookie = request.cookies?.[SESSION_COOKIE] as string | undefined;
    const auth = bearer
      ? await this.auth.authenticateApiToken(bearer)
      : cookie
        ? await this.auth.authenticateSession(cookie)
        : null;
    if (!auth) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Log in or send a valid API token.');
    request.auth = auth;
    return true;
  }
}
