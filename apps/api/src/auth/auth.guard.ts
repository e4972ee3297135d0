import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AppConfig } from '@app/config';
import { AppError, ErrorCode } from '../common/app-error';
import { type AuthContext, IS_PUBLIC_KEY, OPTIONAL_LOGIN_KEY, SESSION_COOKIE } from './auth-context';
import { AuthService } from './auth.service';
import { writeSessionCookie } from './session-cookie';

/**
 * Global guard: every route needs a session cookie or a bearer token unless marked @Public();
 * an @OptionalLogin() route reads them when sent and lets visitors through without.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const optional = this.reflector.getAllAndOverride<boolean>(OPTIONAL_LOGIN_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic && !optional) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<Request & { auth?: AuthContext }>();
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const cookie = request.cookies?.[SESSION_COOKIE] as string | undefined;
    if (bearer) {
      request.auth = (await this.auth.authenticateApiToken(bearer)) ?? undefined;
    } else if (cookie) {
      const session = await this.auth.authenticateSession(cookie);
      // A session that slid forward gets a fresh cookie, or the browser would drop it early.
      if (session?.refreshed) writeSessionCookie(http.getResponse<Response>(), cookie, this.config);
      request.auth = session?.auth;
    }
    if (!request.auth && !optional) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Log in or send a valid API token.');
    // What a logged-in user is answered is theirs: no browser or proxy cache keeps it. Routes
    // that send files set their own (stricter or equal) Cache-Control after this.
    http.getResponse<Response>().setHeader('Cache-Control', 'no-store');
    return true;
  }
}
