// Submitting the formal response: who may, what must be settled first, and what changed
// between two submitted versions. No I/O: the API decides with these, the web UI shows them.
import { AuditRole, ResponseStatus } from './enums';
import { type Disposition, isRequestDisposed } from './formal-response';

/** Only lead counsel submits the response (an org admin acts as lead counsel). */
export const SUBMIT_RESPONSE_ROLE = AuditRole.LEAD_COUNSEL;

/** One request as a submitted version printed it, frozen with the version. */
export interface SubmittedRequest {
  requestId: string;
  ordinal: number;
  title: string;
  disposition: Disposition | null;
  /** The outward response text. */
  responseText: string | null;
  /** Each objection raised, as the letter printed it (wording, provision, note). */
  objections: string[];
  /** The subjects with a disposition of their own (absent in versions submitted before there were any). */
  subjects?: SubmittedSubjectDisposition[];
}

/** One subject's own disposition of a request, frozen with the version. */
export interface SubmittedSubjectDisposition {
  subjectId: string;
  subjectName: string;
  disposition: Disposition;
  responseText: string | null;
}

/** What changed for one subject's own disposition of a request (null before: it had none; null after: cleared). */
export interface SubmittedSubjectChange {
  subjectId: string;
  subjectName: string;
  disposition: FieldChange<Disposition | null> | null;
  responseText: FieldChange<string | null> | null;
}

export interface FieldChange<T> {
  before: T;
  after: T;
}

/** What changed for one request between the previous submitted version and this one. */
export interface SubmittedRequestChange {
  requestId: string;
  ordinal: number;
  title: string;
  /** ADDED: not in the previous version; REMOVED: no longer in this one; CHANGED: in both. */
  change: 'ADDED' | 'REMOVED' | 'CHANGED';
  disposition: FieldChange<Disposition | null> | null;
  responseText: FieldChange<string | null> | null;
  /** Objections raised now and not before, and the reverse (as printed). */
  objectionsAdded: string[];
  objectionsRemoved: string[];
  /** The subjects whose own disposition or text changed (given, changed or cleared). */
  subjectChanges: SubmittedSubjectChange[];
}

const norm = (text: string | null): string | null => (text?.trim() ? text.replace(/\r\n/g, '\n').trim() : null);

/**
 * Per request, what changed from `previous` to `current` (in the current version's order,
 * removed requests last): the disposition, the outward text (ignoring surrounding blanks and
 * line-ending style) and the objections. Requests that say the same thing are left out.
 */
export function diffSubmittedRequests(
  previous: readonly SubmittedRequest[],
  current: readonly SubmittedRequest[],
): SubmittedRequestChange[] {
  const before = new Map(previous.map((r) => [r.requestId, r]));
  const changes: SubmittedRequestChange[] = [];
  for (const now of current) {
    const was = before.get(now.requestId);
    before.delete(now.requestId);
    const disposition =
      (was?.disposition ?? null) !== now.disposition
        ? { before: was?.disposition ?? null, after: now.disposition }
        : null;
    const responseText =
      norm(was?.responseText ?? null) !== norm(now.responseText)
        ? { before: was?.responseText ?? null, after: now.responseText }
        : null;
    const objectionsAdded = now.objections.filter((o) => !(was?.objections ?? []).includes(o));
    const objectionsRemoved = (was?.objections ?? []).filter((o) => !now.objections.includes(o));
    const subjectChanges = diffSubjects(was?.subjects ?? [], now.subjects ?? []);
    if (
      was &&
      !disposition &&
      !responseText &&
      objectionsAdded.length === 0 &&
      objectionsRemoved.length === 0 &&
      subjectChanges.length === 0
    )
      continue;
    changes.push({
      requestId: now.requestId,
      ordinal: now.ordinal,
      title: now.title,
      change: was ? 'CHANGED' : 'ADDED',
      disposition,
      responseText,
      objectionsAdded,
      objectionsRemoved,
      subjectChanges,
    });
  }
  for (const gone of before.values())
    changes.push({
      requestId: gone.requestId,
      ordinal: gone.ordinal,
      title: gone.title,
      change: 'REMOVED',
      disposition: gone.disposition ? { before: gone.disposition, after: null } : null,
      responseText: norm(gone.responseText) ? { before: gone.responseText, after: null } : null,
      objectionsAdded: [],
      objectionsRemoved: gone.objections,
      subjectChanges: diffSubjects(gone.subjects ?? [], []),
    });
  return changes;
}

/** Per subject, its own disposition and text before and after (in the current order, cleared ones last). */
function diffSubjects(
  previous: readonly SubmittedSubjectDisposition[],
  current: readonly SubmittedSubjectDisposition[],
): SubmittedSubjectChange[] {
  const before = new Map(previous.map((s) => [s.subjectId, s]));
  const changes: SubmittedSubjectChange[] = [];
  const push = (
    subject: { subjectId: string; subjectName: string },
    was: SubmittedSubjectDisposition | undefined,
    now: SubmittedSubjectDisposition | undefined,
  ) => {
    const disposition =
      (was?.disposition ?? null) !== (now?.disposition ?? null)
        ? { before: was?.disposition ?? null, after: now?.disposition ?? null }
        : null;
    const responseText =
      norm(was?.responseText ?? null) !== norm(now?.responseText ?? null)
        ? { before: was?.responseText ?? null, after: now?.responseText ?? null }
        : null;
    if (disposition || responseText)
      changes.push({ subjectId: subject.subjectId, subjectName: subject.subjectName, disposition, responseText });
  };
  for (const now of current) {
    push(now, before.get(now.subjectId), now);
    before.delete(now.subjectId);
  }
  for (const gone of before.values()) push(gone, gone, undefined);
  return changes;
}

/** Dispositions that promise information: their answers go out with the response. */
const PROVIDES_INFORMATION: readonly (Disposition | null)[] = ['COMPLY', 'COMPLY_IN_PART'];

export interface ChecklistRequest {
  requestId: string;
  ordinal: number;
  title: string;
  disposition: Disposition | null;
  answers: { responseId: string; subjectName: string; status: ResponseStatus }[];
  /** One per subject the request asks about; a null disposition: the request's applies. */
  subjectDispositions: readonly { subjectName: string; disposition: Disposition | null }[];
}

export interface SubmissionChecklist {
  /**
   * Requests with no disposition of their own and a subject without one either: the letter
   * would be a draft, so submitting is refused.
   */
  missingDispositions: { requestId: string; ordinal: number; title: string }[];
  /**
   * Answers to requests the response promises to answer (will comply, in whole or in part)
   * that are not approved: the final report leaves them out and their evidence is not
   * released. A warning, not a refusal: a later supplement can send them.
   */
  unapprovedAnswers: {
    requestId: string;
    ordinal: number;
    title: string;
    responseId: string;
    subjectName: string;
    status: ResponseStatus;
  }[];
  /** No blocking item: the response can be submitted. */
  ready: boolean;
}

export function submissionChecklist(requests: readonly ChecklistRequest[]): SubmissionChecklist {
  const missingDispositions = requests
    .filter((r) => !isRequestDisposed(r))
    .map(({ requestId, ordinal, title }) => ({ requestId, ordinal, title }));
  // A subject's own disposition decides whether its answer is promised; the request's otherwise.
  const unapprovedAnswers = requests.flatMap((r) => {
    const own = new Map(r.subjectDispositions.map((s) => [s.subjectName, s.disposition]));
    return r.answers
      .filter((a) => PROVIDES_INFORMATION.includes(own.get(a.subjectName) ?? r.disposition))
      .filter((a) => a.status !== ResponseStatus.APPROVED && a.status !== ResponseStatus.NOT_APPLICABLE)
      .map(({ responseId, subjectName, status }) => ({
        requestId: r.requestId,
        ordinal: r.ordinal,
        title: r.title,
        responseId,
        subjectName,
        status,
      }));
  });
  return { missingDispositions, unapprovedAnswers, ready: missingDispositions.length === 0 };
}

/** Who signs an officer's certification, as printed. */
export interface CertificationSigner {
  name: string;
  title: string;
  entity: string;
}

/** What a certification names besides its signer. */
export interface CertifiedPackage {
  auditReference: string;
  auditTitle: string;
  demandingParty: string;
  version: number;
  /** Lower-case hex SHA-256 of the submitted package ZIP. */
  packageSha256: string;
}

/**
 * The officer's certification, word for word: the certificate PDF prints it and the signing
 * dialog previews it, so both call this one function. Blank signer fields keep a visible gap.
 */
export function certificationText(signer: CertificationSigner, pkg: CertifiedPackage): string {
  const name = signer.name.trim() || '[name]';
  const title = signer.title.trim() || '[title]';
  const entity = signer.entity.trim() || '[entity]';
  return [
    `I, ${name}, ${title} of ${entity}, am authorised to make this certification on behalf of ${entity}.`,
    `I certify that the written response submitted as version ${pkg.version} in the audit ${pkg.auditReference} ` +
      `("${pkg.auditTitle}"), requested by ${pkg.demandingParty}, is, to the best of my knowledge, information and ` +
      `belief formed after reasonable inquiry, true, correct and complete.`,
    `This certification covers exactly the package whose SHA-256 is ${pkg.packageSha256}; any other file, or any ` +
      `change to this one, is not covered.`,
  ].join('\n\n');
}
