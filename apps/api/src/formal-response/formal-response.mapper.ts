import type { Prisma } from '@app/db';
import { composeObjection, composeReservation, isRequestDisposed, subjectDispositionLines } from '@app/domain';
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
    select: { id: true, status: true, answer: true, subject: { select: { id: true, name: true } } },
  },
  subjectDispositions: { include: { updatedBy: { select: { id: true, name: true } } } },
} as const satisfies Prisma.AuditRequestInclude;

export type RequestDraftRow = Prisma.AuditRequestGetPayload<{ include: typeof requestDraftInclude }>;

export function mapRequestDisposition(r: RequestDraftRow, respondingParty: string): RequestDispositionDto {
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
    subjectLines: subjectDispositionLines(disposed),
    disposed: isRequestDisposed(disposed),
  };
}
