import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { AppError, ErrorCode } from './app-error';

const TAKES_BODY = 'auditdesk:takesBody';

/**
 * Media types a route takes although it neither reads a `@Body()` nor documents one with
 * `@ApiConsumes` (the one-click unsubscribe: mail clients post a form it does not read).
 */
export const TakesBody = (...mediaTypes: string[]) => SetMetadata(TAKES_BODY, mediaTypes);

/** Whether the request carries a body (the test of type-is, which body-parser uses). */
const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined ||
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/**
 * The one check of a request body's media type, for every route: a body must be of a type the
 * route takes, else 415. What a route takes: `@TakesBody`, else what `@ApiConsumes` documents
 * (the uploads' multipart/form-data), else JSON when it reads a `@Body()`, else nothing. The
 * body parser reads JSON only, so without this a form or text body sent to a route would be
 * ignored silently instead of refused.
 */
@Injectable()
export class RequestMediaTypeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    if (hasBody(req)) {
      const takes = this.mediaTypes(context);
      if (takes.length === 0)
        throw new AppError(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          `${req.method} ${req.path} takes no request body; send the request without one.`,
        );
      if (!req.is(takes))
        throw new AppError(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          `${req.method} ${req.path} takes a body of type ${takes.join(' or ')}, not ${req.headers['content-type'] ?? 'one without a Content-Type'}.`,
        );
    }
    return next.handle();
  }

  private mediaTypes(context: ExecutionContext): string[] {
    const targets = [context.getHandler(), context.getClass()];
    const declared =
      this.reflector.getAllAndOverride<string[] | undefined>(TAKES_BODY, targets) ??
      this.reflector.getAllAndOverride<string[] | undefined>(DECORATORS.API_CONSUMES, targets);
    if (declared) return declared;
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ??
      {}) as Record<string, unknown>;
    const readsBody = Object.keys(args).some((key) => key.startsWith(`${RouteParamtypes.BODY}:`));
    return readsBody ? ['application/json'] : [];
  }
}
