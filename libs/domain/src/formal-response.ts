// The formal response: what the letter to the demanding party says about each request. The
// composition here is the one wording used by the API's letter (PDF and Word) and the web UI's
// preview of it, so what counsel sees while drafting is what is sent.

export const Disposition = {
  COMPLY: 'COMPLY',
  COMPLY_IN_PART: 'COMPLY_IN_PART',
  OBJECT: 'OBJECT',
  NO_RESPONSIVE_INFORMATION: 'NO_RESPONSIVE_INFORMATION',
  NOT_APPLICABLE: 'NOT_APPLICABLE',
} as const;
export type Disposition = (typeof Disposition)[keyof typeof Disposition];
export const DISPOSITIONS = Object.values(Disposition);

/** How people (and the letter) read each disposition. */
export const DISPOSITION_LABEL: Record<Disposition, string> = {
  COMPLY: 'Will comply',
  COMPLY_IN_PART: 'Will comply in part',
  OBJECT: 'Objects',
  NO_RESPONSIVE_INFORMATION: 'No responsive information',
  NOT_APPLICABLE: 'Not applicable',
};

/** One subject's own disposition of a request (null: none; the request's applies to it). */
export interface SubjectDispositionOverride {
  subjectName: string;
  disposition: Disposition | null;
  responseText: string | null;
}

/** A request's disposition with the per-subject overrides of it, one per subject it asks about. */
export interface DisposedRequest {
  disposition: Disposition | null;
  responseText: string | null;
  subjectDispositions: readonly SubjectDispositionOverride[];
}

const sameText = (a: string | null, b: string | null): boolean =>
  (a?.replace(/\r\n/g, '\n').trim() ?? '') === (b?.replace(/\r\n/g, '\n').trim() ?? '');

/**
 * A request is disposed (the letter can be final) when it has its own disposition, or when
 * every subject it asks about has one of its own.
 */
export function isRequestDisposed(request: {
  disposition: Disposition | null;
  subjectDispositions: readonly { disposition: Disposition | null }[];
}): boolean {
  if (request.disposition !== null) return true;
  return request.subjectDispositions.length > 0 && request.subjectDispositions.every((s) => s.disposition !== null);
}

/** The request's disposition as the letter heads it: its own, else "Differs by subject" when every subject has one. */
export function requestDispositionLabel(request: Parameters<typeof isRequestDisposed>[0]): string {
  if (request.disposition) return DISPOSITION_LABEL[request.disposition];
  return isRequestDisposed(request) ? 'Differs by subject' : 'Not yet decided';
}

/**
 * What the letter prints after the request's own response, one line per subject whose
 * override says something else: "As to <subject>: <disposition>. <text>". An override that
 * repeats the request's disposition and text adds nothing and is left out.
 */
export function subjectDispositionLines(request: DisposedRequest): string[] {
  return request.subjectDispositions.flatMap((s) => {
    if (s.disposition === null) return [];
    if (s.disposition === request.disposition && sameText(s.responseText, request.responseText)) return [];
    const text = s.responseText?.trim();
    return [`As to ${s.subjectName}: ${DISPOSITION_LABEL[s.disposition]}.${text ? ` ${text}` : ''}`];
  });
}

/** One objection raised against a request, with what the letter needs to word it. */
export interface RaisedObjection {
  /** The library entry's standard wording. */
  wording: string;
  /** The reference of the provision of the agreement relied on, e.g. "VII". */
  provisionReference?: string | null;
  /** Wording specific to this request. */
  note?: string | null;
}

/** An objection as the letter prints it: the standard wording, the provision, the specific note. */
export function composeObjection(objection: RaisedObjection): string {
  const parts = [sentence(objection.wording)];
  const reference = objection.provisionReference?.trim();
  if (reference) parts.push(`See the Agreement, section ${reference}.`);
  const note = objection.note?.trim();
  if (note) parts.push(sentence(note));
  return parts.join(' ');
}

/** What follows "Subject to and without waiving the foregoing objections, <party>" per disposition. */
const RESERVED_RESPONSE: Record<Disposition | 'NONE', string> = {
  COMPLY: 'will provide the information requested, as follows.',
  COMPLY_IN_PART: 'will provide the information described below, and no more.',
  OBJECT: 'will not provide information in response to this Request beyond what is stated below.',
  NO_RESPONSIVE_INFORMATION:
    'states that, after a reasonable search, it has found no information responsive to this Request.',
  NOT_APPLICABLE: 'states that this Request does not apply to it, for the reasons below.',
  NONE: 'responds as follows.',
};

/**
 * The general reservation that introduces the response to a request that met objections
 * ("Subject to and without waiving the foregoing objections, ..."), worded for the
 * disposition; null when no objection was raised (nothing to reserve).
 */
export function composeReservation(input: {
  respondingParty: string;
  disposition: Disposition | null;
  objectionCount: number;
}): string | null {
  if (input.objectionCount === 0) return null;
  const party = input.respondingParty.trim() || 'the Responding Party';
  return `Subject to and without waiving the foregoing objections, ${party} ${RESERVED_RESPONSE[input.disposition ?? 'NONE']}`;
}

/** The preliminary statement printed when counsel has not written one. */
export function defaultPreliminaryStatement(input: {
  respondingParty: string;
  demandingParty: string;
  agreementTitle: string;
  auditClauseRef: string | null;
  letterDate: string | null;
}): string {
  const clause = input.auditClauseRef?.trim() ? ` (section ${input.auditClauseRef.trim()})` : '';
  const dated = input.letterDate ? ` dated ${input.letterDate}` : '';
  return (
    `${input.respondingParty} ("the Responding Party") responds to the audit demand of ${input.demandingParty}${dated} ` +
    `made under the audit provision${clause} of the ${input.agreementTitle} ("the Agreement"). ` +
    'These responses are made on the basis of the information reasonably available to the Responding Party ' +
    'at this time. The Responding Party does not concede that any information provided is relevant or ' +
    'within the scope of the Agreement, and no response is an admission of any fact or of any breach.'
  );
}

/** The closing reservation of rights. */
export function reservationOfRights(respondingParty: string): string {
  return (
    `${respondingParty} reserves all of its rights under the Agreement and at law, including the right to ` +
    'supplement, amend or correct these responses, and to raise further objections, as further information ' +
    'becomes available. Nothing in these responses waives any privilege, protection or objection.'
  );
}

/** Ends a clause with a full stop unless it already ends a sentence. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?:"')\]]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The general objections, which apply to every request and precede the specific responses. */
export function generalObjections(respondingParty: string): string[] {
  return [
    `${respondingParty} objects to the demand to the extent it seeks to impose obligations beyond those of the audit provision of the Agreement.`,
    `${respondingParty} objects to the demand to the extent it seeks information protected by the attorney-client privilege, the work-product doctrine or any other privilege; any disclosure of such information is inadvertent and waives nothing.`,
    `${respondingParty} objects to the definitions and instructions of the demand to the extent they are vague, ambiguous or broader than the ordinary meaning of their words.`,
    'Each general objection is incorporated into the response to every Request below, whether or not it is repeated there.',
  ];
}
