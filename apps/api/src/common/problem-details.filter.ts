import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { Prisma } from '@app/db';
import { AppError, ERROR_STATUS, ErrorCode, type FieldError } from './app-error';

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
  extensions?: Record<string, unknown>;
}

const CODE_BY_STATUS: Partial<Record<number, string>> = {
  400: ErrorCode.VALIDATION_FAILED,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: 'PAYLOAD_TOO_LARGE',
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.TOO_MANY_REQUESTS,
  422: ErrorCode.RULE_VIOLATION,
};

/** Renders every error of every route as one application/problem+json shape. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    if (problem.status >= 500) {
      this.logger.error(`${request.method} ${request.originalUrl}`, (exception as Error)?.stack ?? String(exception));
    }
    const code = problem.code.toLowerCase().replace(/_/g, '-');
    // A 429 says when to try again, in the header clients and proxies read as well as the body.
    const retryAfter = problem.extensions?.retryAfter;
    if (problem.status === 429 && typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    response
      .status(problem.status)
      .type('application/problem+json')
      .json({
        type: `urn:auditdesk:problem:${code}`,
        title: STATUS_CODES[problem.status] ?? 'Error',
        status: problem.status,
        detail: problem.detail,
        instance: request.originalUrl,
        code: problem.code,
        ...(problem.errors?.length ? { errors: problem.errors } : {}),
        ...problem.extensions,
      });
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof AppError) {
      return {
        status: ERROR_STATUS[exception.code],
        code: exception.code,
        detail: exception.message,
        errors: exception.fieldErrors,
        extensions: exception.extensions,
      };
    }
    if (exception instanceof HttpException) return this.fromHttpException(exception);
    if (isClientHttpError(exception)) {
      // body-parser's errors (too large, bad charset) are http-errors, not Nest exceptions.
      return {
        status: exception.status,
        code: CODE_BY_STATUS[exception.status] ?? `HTTP_${exception.status}`,
        detail: exception.message,
      };
    }
    if (exception instanceof Prisma.PrismaClientKnownRequestError) {
      const mapped = this.fromPrisma(exception);
      if (mapped) return mapped;
    }
    return { status: 500, code: 'INTERNAL', detail: 'An unexpected error occurred.' };
  }

  private fromHttpException(exception: HttpException): Problem {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const message =
      typeof body === 'string'
        ? body
        : Array.isArray((body as { message?: unknown }).message)
          ? (body as { message: string[] }).message.join('; ')
          : messageText((body as { message?: unknown }).message, exception.message);
    // body-parser's malformed-JSON error reaches here as a 400 naming the syntax error.
    const detail = exception.cause instanceof SyntaxError ? `The request body is not valid JSON: ${message}` : message;
    // Keep structured members such as a failed health check's per-dependency `details`.
    const {
      message: _m,
      error: _e,
      statusCode: _s,
      ...extensions
    } = typeof body === 'object' ? (body as Record<string, unknown>) : {};
    return { status, code: CODE_BY_STATUS[status] ?? `HTTP_${status}`, detail, extensions };
  }

  /** Constraint errors that a request can still cause despite validation (races, stale ids). */
  private fromPrisma(error: Prisma.PrismaClientKnownRequestError): Problem | null {
    if (error.code === 'P2002') {
      const field = uniqueViolationField(error);
      return {
        status: HttpStatus.CONFLICT,
        code: ErrorCode.DUPLICATE,
        detail: `Another record already has this ${field}.`,
        errors: [{ field, message: `${field} must be unique` }],
      };
    }
    if (error.code === 'P2034') {
      return {
        status: HttpStatus.CONFLICT,
        code: ErrorCode.CONFLICT,
        detail: 'Another change to the same records got in first; try again.',
      };
    }
    if (error.code === 'P2025') {
      return { status: HttpStatus.NOT_FOUND, code: ErrorCode.NOT_FOUND, detail: 'Record not found.' };
    }
    if (error.code === 'P2003') {
      return {
        status: HttpStatus.CONFLICT,
        code: ErrorCode.CONFLICT,
        detail: 'A referenced record does not exist or is still in use.',
      };
    }
    return null;
  }
}

const isClientHttpError = (error: unknown): error is { status: number; message: string } =>
  typeof error === 'object' &&
  error !== null &&
  (error as { expose?: unknown }).expose === true &&
  typeof (error as { status?: unknown }).status === 'number' &&
  (error as { status: number }).status >= 400 &&
  (error as { status: number }).status < 500;

/**
 * The API field behind a unique constraint. Through the pg driver adapter Prisma reports the
 * columns under meta.driverAdapterError; the audit_id that scopes a constraint is not a field.
 */
function uniqueViolationField(error: Prisma.PrismaClientKnownRequestError): string {
  const meta = error.meta as
    { target?: string | string[]; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } } | undefined;
  const columns = meta?.driverAdapterError?.cause?.constraint?.fields ?? [meta?.target ?? []].flat();
  const fields = columns
    .filter((c) => columns.length === 1 || c !== 'audit_id')
    .map((c) => c.replace(/"/g, '').replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase()));
  return fields.join(', ') || 'value';
}

/** Nest's HttpException bodies carry a string message; anything else falls back to the exception's own. */
function messageText(message: unknown, fallback: string): string {
  return typeof message === 'string' ? message : fallback;
}
