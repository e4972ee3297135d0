/** A field that failed validation. */
export class FieldErrorDto {
  /** @example "responseDeadline" */
  field: string;
  /** @example "responseDeadline must be an ISO 8601 date-time" */
  message: string;
}

/** Error body of every route (RFC 9457, served as application/problem+json). */
export class ProblemDetailsDto {
  /** @example "urn:auditdesk:problem:validation-failed" */
  type: string;
  /** @example "Bad Request" */
  title: string;
  /** @example 400 */
  status: number;
  /** @example "Validation failed: responseDeadline must be an ISO 8601 date-time" */
  detail: string;
  /** @example "/api/audits" */
  instance: string;
  /** @example "VALIDATION_FAILED" */
  code: string;
  errors?: FieldErrorDto[];
}
