import type { Prisma } from '@app/db';
import {
  citeFormValues,
  citeRequestFormValues,
  composeObjection,
  composeReservation,
  type FormField,
  type FormValueContext,
  type FormValues,
  isRequestDisposed,
  ResponseStatus,
  subjectDispositionLines,
} from '@app/domain';
import type { RequestDispositionDto } from './dto/formal-response.dto';

export const requestDraftInclude = {
  provision: { select: { reference: true } },
  disposition: {
    include: {
      updatedBy: { select: { id: true, name: true } },
      objections: {
        orderBy: { position: 'asc' },
        include: { objection: true, provision: { select: { reference: true } } },
      },
    },
  },
  responses: {
    orderBy: { subject: { position: 'asc' } },
    select: {
      id: true,
      status: true,
      answer: true,
      subject: { select: { id: true, name: true } },
      // What the letter's citations of form values read (`{{key}}`), evidence by title.
      formValues: true,
      evidence: {
        where: { evidence: { deletedAt: null } },
        select: { evidence: { select: { id: true, title: true } } },
      },
    },
  },
  form: { select: { fields: true } },
  subjectDispositions: { include: { updatedBy: { select: { id: true, name: true } } } },
} as const satisfies Prisma.AuditRequestInclude;

export type RequestDraftRow = Prisma.AuditRequestGetPayload<{ include: typeof requestDraftInclude }>;

/** `citation`: which evidence the letter's lines may name (see `EvidenceCitation`). */
export function mapRequestDisposition(
  r: RequestDraftRow,
  respondingParty: string,
  citation: EvidenceCitation,
): RequestDispositionDto {
  const d = r.disposition;
  const objections = (d?.objections ?? []).map((o) => ({
    objectionId: o.objectionId,
    code: o.objection.code,
    title: o.objection.title,
    wording: o.objection.wording,
    provisionId: o.provisionId,
    provisionReference: o.provision?.reference ?? null,
    note: o.note,
    composed: composeObjection({
      wording: o.objection.wording,
      provisionReference: o.provision?.reference,
      note: o.note,
    }),
  }));
  const disposition = d?.disposition ?? null;
  const responseText = d?.responseText ?? null;
  // One per subject the request asks about (its answers), whether or not it has its own yet.
  const saved = new Map(r.subjectDispositions.map((s) => [s.subjectId, s]));
  const subjectDispositions = r.responses.map(({ subject }) => {
    const own = saved.get(subject.id);
    return {
      subjectId: subject.id,
      subjectName: subject.name,
      disposition: own?.disposition ?? null,
      responseText: own?.responseText ?? null,
      version: own?.version ?? 0,
      updatedAt: own?.updatedAt ?? null,
      updatedBy: own?.updatedBy ?? null,
    };
  });
  const disposed = { disposition, responseText, subjectDispositions };
  // The letter's lines cite each subject's own form values in its own text.
  const answers = new Map(formAnswers(r, citation).map((a) => [a.subjectId, a]));
  const fields = formFields(r);
  const citedSubjects = subjectDispositions.map((s) => {
    const answer = answers.get(s.subjectId);
    return fields && s.responseText && answer
      ? { ...s, responseText: citeFormValues(s.responseText, fields, answer.values, answer.context) }
      : s;
  });
  return {
    requestId: r.id,
    ordinal: r.ordinal,
    title: r.title,
    text: r.text,
    provisionReference: r.provision?.reference ?? null,
    disposition,
    responseText,
    objections,
    reservation: composeReservation({ respondingParty, disposition, objectionCount: objections.length }),
    version: d?.version ?? 0,
    updatedAt: d?.updatedAt ?? null,
    updatedBy: d?.updatedBy ?? null,
    answers: r.responses.map((x) => ({
      responseId: x.id,
      subjectName: x.subject.name,
      status: x.status,
      answer: x.answer,
    })),
    subjectDispositions,
    subjectLines: subjectDispositionLines({ ...disposed, subjectDispositions: citedSubjects }),
    disposed: isRequestDisposed(disposed),
  };
}

const formFields = (r: RequestDraftRow): FormField[] | null =>
  r.form ? (r.form.fields as unknown as FormField[]) : null;

/** The evidence records a submitted package carries, by id (the version it carries, null for a link or note). */
export type ReleasedEvidence = ReadonlyMap<string, number | null>;

/**
 * Which evidence records a letter may cite by title (an EVIDENCE field's value), and what it
 * prints for one it may not, or for one no longer linked to the response.
 */
export interface EvidenceCitation {
  names: (evidenceId: string) => boolean;
  unnamed: string;
  missing: string;
}

/**
 * The letter served in a submitted package: it names only the records the package carries; any
 * other reads "(not produced)", as in the served report: its title is not the other side's to read.
 */
export const servedCitation = (released: ReleasedEvidence): EvidenceCitation => ({
  names: (id) => released.has(id),
  unnamed: '(not produced)',
  missing: '(not produced)',
});

/**
 * The firm's draft, preview and downloaded letter (which counsel may send by hand): every record
 * by its title but those withheld as privileged (every version of them on the privilege log as
 * withheld), whose titles may say what the privilege protects.
 */
export const firmCitation = (withheld: ReadonlySet<string>): EvidenceCitation => ({
  names: (id) => !withheld.has(id),
  unnamed: '(withheld as privileged)',
  missing: '(removed evidence)',
});

/** Each subject's form values, with the titles of the evidence its response links (for EVIDENCE fields). */
function formAnswers(r: RequestDraftRow, citation: EvidenceCitation) {
  return r.responses.map((x) => {
    const titles = new Map(x.evidence.map((e) => [e.evidence.id, e.evidence.title]));
    const context: FormValueContext = {
      evidenceTitle: (id) => (citation.names(id) ? (titles.get(id) ?? citation.missing) : citation.unnamed),
    };
    return {
      subjectId: x.subject.id,
      subjectName: x.subject.name,
      values: (x.formValues as FormValues | null) ?? null,
      context,
    };
  });
}

/**
 * The request's own response text as the letter prints it: `{{key}}` replaced by what the
 * subjects answered (`citeRequestFormValues`: one value when all agree, else per subject).
 * The draft keeps the text as written; only the letter reads the values.
 */
export function letterResponseText(r: RequestDraftRow, citation: EvidenceCitation): string | null {
  const text = r.disposition?.responseText ?? null;
  if (text === null) return null;
  // A not-applicable response has nothing to answer, and a subject with its own line in the
  // letter cites its own values there: neither is listed as "[not answered]" here.
  const disposition = r.disposition?.disposition ?? null;
  const ownLine = new Set(
    r.subjectDispositions
      .filter(
        (s) =>
          subjectDispositionLines({ disposition, responseText: text, subjectDispositions: [{ ...s, subjectName: '' }] })
            .length > 0,
      )
      .map((s) => s.subjectId),
  );
  const status = new Map(r.responses.map((x) => [x.subject.id, x.status]));
  const answers = formAnswers(r, citation).map((a) => ({
    ...a,
    speaksForItself: status.get(a.subjectId) === ResponseStatus.NOT_APPLICABLE || ownLine.has(a.subjectId),
  }));
  return citeRequestFormValues(text, formFields(r), answers);
}
