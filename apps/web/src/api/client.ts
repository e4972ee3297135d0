// The typed API client: openapi-fetch over the types generated from the API's OpenAPI
// document (schema.d.ts, `npm run web:api-types`). Every call goes through `unwrap`, which
// turns a problem+json answer into an ApiError the screens can show.
import createClient from 'openapi-fetch';
import { fieldLabel, plainMessage } from '../lib/messages';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type User = Schemas['UserDto'];
export type Audit = Schemas['AuditDto'];
export type AuditListItem = Schemas['AuditListItemDto'];
export type AuditProgress = Schemas['AuditProgressDto'];
export type Member = Schemas['MemberDto'];
export type Subject = Schemas['SubjectDto'];
export type AuditRequest = Schemas['RequestDto'];
export type GridCell = Schemas['ResponseDto'];
export type ResponseDetail = Schemas['ResponseDetailDto'];
export type ResponseUpdate = Schemas['UpdateResponseDto'];
export type Comment = Schemas['CommentDto'];
export type ActivityEvent = Schemas['ActivityEventDto'];
export type ActivityEntityType = Schemas['ActivityEntityType'];
export type ActivityAction = Schemas['ActivityAction'];
export type CreateAudit = Schemas['CreateAuditDto'];
export type ResponseStatus = Schemas['ResponseStatus'];
export type AuditRole = Schemas['AuditRole'];
export type AuditStatus = Schemas['AuditStatus'];
export type Problem = Schemas['ProblemDetailsDto'];

export const api = createClient<paths>({
  baseUrl: typeof window === 'undefined' ? '' : window.location.origin,
  credentials: 'same-origin',
});

/**
 * What a failed call says to the person. The validation pipe's refusal sums its field errors up
 * for developers ("Validation failed: title must be a string"); it is told in the reader's words
 * instead ("Title: Enter a title."), wherever a screen shows the error's message. Refusals the
 * services word themselves are sentences for people already and stay as they are.
 */
function problemMessage(status: number, problem: Partial<Problem>): string {
  const fields = problem.errors ?? [];
  if (fields.length > 0 && (!problem.detail || problem.detail.startsWith('Validation failed')))
    return fields.map((e) => `${fieldLabel(e.field)}: ${plainMessage(e.field, e.message)}.`).join(' ');
  return problem.detail || problem.title || `The request failed (HTTP ${status}).`;
}

/** An API call that failed, with the problem document the API sent (or one made up for a network failure). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem> & Record<string, unknown>,
  ) {
    super(problemMessage(status, problem));
    this.name = 'ApiError';
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  /** Field name -> message, for showing errors next to form fields. */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem.errors ?? []).map((e) => [e.field, e.message]));
  }
}

export const isApiError = (error: unknown, status?: number): error is ApiError =>
  error instanceof ApiError && (status === undefined || error.status === status);

type Result = { data?: unknown; error?: unknown; response: Response };

/** The data of a successful call; throws ApiError otherwise. */
export async function unwrap<R extends Result>(call: Promise<R>): Promise<NonNullable<R['data']>> {
  let result: R;
  try {
    result = await call;
  } catch {
    throw new ApiError(0, {
      title: 'Network error',
      detail: 'The server could not be reached. Check the connection and try again.',
    });
  }
  if (!result.response.ok) {
    const body = result.error;
    throw new ApiError(
      result.response.status,
      body && typeof body === 'object'
        ? (body as Record<string, unknown>)
        : { detail: typeof body === 'string' && body ? body : undefined },
    );
  }
  return result.data as NonNullable<R['data']>;
}

export type Report = Schemas['ReportDto'];
export type Reminder = Schemas['ReminderDto'];
export type ReminderPolicy = Schemas['ReminderPolicyDto'];
export type ReminderStatus = Schemas['ReminderStatus'];
export type ReminderPause = Schemas['ReminderPauseDto'];
export type MyReminderSettings = Schemas['MyReminderSettingsDto'];
export type MyReminderSettingsInput = Schemas['MyReminderSettingsInputDto'];
export type Extension = Schemas['ExtensionDto'];
export type LegalHold = Schemas['LegalHoldDto'];
export type Evidence = Schemas['EvidenceDto'];
export type EvidenceVersion = Schemas['EvidenceVersionDto'];
export type SourceDocument = Schemas['SourceDocumentDto'];
export type SourceDocumentKind = Schemas['SourceDocumentKind'];
export type AdminUser = Schemas['AdminUserDto'];
export type UserState = Schemas['UserState'];
export type OrgRole = Schemas['OrgRole'];

/** Turns a failed response's body (problem+json, or anything) into an ApiError. */
export function problemFrom(status: number, body: string): ApiError {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') return new ApiError(status, parsed as Record<string, unknown>);
  } catch {
    // not JSON
  }
  return new ApiError(status, { detail: body || undefined });
}
