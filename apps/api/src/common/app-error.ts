import { HttpStatus } from '@nestjs/common';

// Every error the API raises on purpose is an AppError with a documented code.
// ProblemDetailsFilter maps codes to HTTP statuses here, once.

export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  DUPLICATE: 'DUPLICATE',
  CONFLICT: 'CONFLICT',
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  RULE_VIOLATION: 'RULE_VIOLATION',
  /** A one-time link that was used, replaced or expired. */
  GONE: 'GONE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** A request body of a media type the route does not take (or a body where it takes none). */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  RANGE_NOT_SATISFIABLE: 'RANGE_NOT_SATISFIABLE',
  BUSY: 'BUSY',
  /** Too many attempts (the login throttle); the answer's Retry-After says when to try again. */
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_STATUS: Record<ErrorCode, HttpStatus> = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  DUPLICATE: HttpStatus.CONFLICT,
  CONFLICT: HttpStatus.CONFLICT,
  VERSION_CONFLICT: HttpStatus.CONFLICT,
  RULE_VIOLATION: HttpStatus.UNPROCESSABLE_ENTITY,
  GONE: HttpStatus.GONE,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  RANGE_NOT_SATISFIABLE: HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
  BUSY: HttpStatus.SERVICE_UNAVAILABLE,
  TOO_MANY_REQUESTS: HttpStatus.TOO_MANY_REQUESTS,
};

export interface FieldError {
  /** Path of the offending field, e.g. "responseDeadline" or "subjectIds[2]". */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    /** Extra members for the problem document, e.g. the current version on a conflict. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }

  static notFound(what: string) {
    return new AppError(ErrorCode.NOT_FOUND, `${what} not found.`);
  }

  static forbidden(message: string) {
    return new AppError(ErrorCode.FORBIDDEN, message);
  }

  static invalid(field: string, message: string) {
    return new AppError(ErrorCode.VALIDATION_FAILED, message, [{ field, message }]);
  }

  static duplicate(field: string, message: string) {
    return new AppError(ErrorCode.DUPLICATE, message, [{ field, message }]);
  }

  static conflict(message: string, extensions: Record<string, unknown> = {}) {
    return new AppError(ErrorCode.CONFLICT, message, [], extensions);
  }

  /**
   * 409 VERSION_CONFLICT: the record moved on from the version a change was based on (`what`,
   * e.g. "this form", reads in the message); the problem carries the current version.
   */
  static versionConflict(what: string, sent: number, current: number) {
    return new AppError(
      ErrorCode.VERSION_CONFLICT,
      `Someone else saved ${what} after version ${sent} that your change was based on; nothing was overwritten. Reload it and apply your change again.`,
      [{ field: 'version', message: `version ${sent} is stale` }],
      { currentVersion: current },
    );
  }

  /** 429: the problem and the Retry-After header both say how many seconds to wait. */
  static tooManyRequests(message: string, retryAfterSeconds: number) {
    return new AppError(ErrorCode.TOO_MANY_REQUESTS, message, [], { retryAfter: retryAfterSeconds });
  }

  static rule(message: string, field?: string) {
    return new AppError(ErrorCode.RULE_VIOLATION, message, field ? [{ field, message }] : []);
  }
}
