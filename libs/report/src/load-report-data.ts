import type { PrismaClient } from '@app/db';
import { AuditRole, type FormField, type FormValues, isEmptyFormValue, isOverdue, ResponseStatus } from '@app/domain';
import {
  DEFAULT_CONFIDENTIALITY_LEGEND,
  type ReportData,
  type ReportEvidence,
  type ReportFileVersion,
  type ReportOptions,
} from './report-data';

/** Some of the chosen subjects are not subjects of the audit. */
/**
 * The audit's own fields the report prints (its status aside): what must not change between
 * reading a report's data and keeping what was rendered from it (a submission checks these).
 */
export const REPORT_AUDIT_FIELDS = {
  title: true,
  referenceCode: true,
  demandingParty: true,
  demandingCounselName: true,
  demandingCounselFirm: true,
  demandingCounselEmail: true,
  respondingParty: true,
  agreementTitle: true,
  agreementVersion: true,
  auditClauseRef: true,
  letterDate: true,
  receivedOn: true,
  responseDeadline: true,
  deadlineTimeZone: true,
  periodStart: true,
  periodEnd: true,
  confidentialityLegend: true,
} as const;

export class UnknownSubjectsError extends Error {
  constructor(readonly subjectIds: string[]) {
    super(`Not subjects of this audit: ${subjectIds.join(', ')}`);
  }
}

export interface LoadReportContext {
  now: Date;
  generatedBy: string;
}

const person = { select: { id: true, name: true } } as const;
const COUNSEL_ROLES: string[] = [AuditRole.LEAD_COUNSEL, AuditRole.COUNSEL];
/** Approved and not-applicable cells are final; anything else printed makes a draft. */
const FINAL_STATUSES: string[] = [ResponseStatus.APPROVED, ResponseStatus.NOT_APPLICABLE];

type Db = Pick<
  PrismaClient,
  'audit' | 'auditExtension' | 'subject' | 'auditRequest' | 'response' | 'evidence' | 'activityEvent' | 'user'
>;

/**
 * Reads what the report of one audit needs, selecting only the columns it prints. Returns
 * null when the audit does not exist.
 */
export async function loadReportData(
  db: Db,
  auditId: string,
  options: ReportOptions,
  ctx: LoadReportContext,
): Promise<ReportData | null> {
  const audit = await db.audit.findUnique({
    where: { id: auditId },
    select: {
      id: true,
      ...REPORT_AUDIT_FIELDS,
      status: true,
      members: {
        where: { role: { in: COUNSEL_ROLES as AuditRole[] } },
        select: { role: true, user: { select: { name: true } } },
      },
    },
  });
  if (!audit) return null;

  const chosen = options.subjectIds?.length ? [...new Set(options.subjectIds)] : null;
  const [extensions, subjects, requests] = await Promise.all([
    db.auditExtension.findMany({
      where: { auditId },
      orderBy: [{ requestedOn: 'asc' }, { createdAt: 'asc' }],
      select: { requestedOn: true, newDeadline: true, status: true, previousDeadline: true, decidedOn: true },
    }),
    db.subject.findMany({
      where: { auditId, ...(chosen && { id: { in: chosen } }) },
      orderBy: [{ position: 'asc' }, { name: 'asc' }],
      select: { id: true, name: true, product: true, description: true, owner: person },
    }),
    db.auditRequest.findMany({
      where: { auditId },
      orderBy: { ordinal: 'asc' },
      select: {
        id: true,
        ordinal: true,
        title: true,
        text: true,
        provision: { select: { id: true, reference: true, title: true, text: true } },
        form: { select: { fields: true } },
      },
    }),
  ]);
  if (chosen) {
    const found = new Set(subjects.map((s) => s.id));
    const unknown = chosen.filter((id) => !found.has(id));
    if (unknown.length) throw new UnknownSubjectsError(unknown);
  }

  const subjectIds = subjects.map((s) => s.id);
  const [responseRows, evidenceRows, activityGroups] = await Promise.all([
    db.response.findMany({
      where: { auditId, subjectId: { in: subjectIds } },
      select: {
        id: true,
        subjectId: true,
        requestId: true,
        status: true,
        answer: true,
        formValues: true,
        dueDate: true,
        approvedAt: true,
        assignee: person,
        reviewer: person,
        approvedBy: person,
        evidence: {
          where: { evidence: { deletedAt: null } },
          select: { evidenceId: true },
          orderBy: { linkedAt: 'asc' },
        },
      },
    }),
    db.evidence.findMany({
      where: {
        auditId,
        deletedAt: null,
        // The audit's source documents (demand letter, agreement) are not evidence of a response.
        sourceDocumentKind: null,
        // With chosen subjects, only the evidence behind their responses belongs in the report.
        ...(chosen && { responses: { some: { response: { subjectId: { in: subjectIds } } } } }),
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        kind: true,
        title: true,
        description: true,
        custodian: true,
        sourceSystem: true,
        collectedOn: true,
        url: true,
        confidentiality: true,
        versions: {
          orderBy: { number: 'desc' },
          select: {
            number: true,
            fileName: true,
            mediaType: true,
            sizeBytes: true,
            sha256: true,
            uploadedAt: true,
            lastVerifiedAt: true,
            lastVerification: true,
          },
        },
      },
    }),
    db.activityEvent.groupBy({
      by: ['actorId', 'entityType', 'action'],
      where: { auditId },
      _count: { _all: true },
      _min: { occurredAt: true },
      _max: { occurredAt: true },
    }),
  ]);

  const actorIds = [...new Set(activityGroups.map((g) => g.actorId).filter((id): id is string => id !== null))];
  const actors = new Map(
    (await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  );

  const subjectOrder = new Map(subjectIds.map((id, i) => [id, i]));
  const requestOrder = new Map(requests.map((r, i) => [r.id, i]));
  responseRows.sort(
    (a, b) =>
      subjectOrder.get(a.subjectId)! - subjectOrder.get(b.subjectId)! ||
      requestOrder.get(a.requestId)! - requestOrder.get(b.requestId)!,
  );

  let draft = false;
  const responses = responseRows.map((r) => {
    const final = FINAL_STATUSES.includes(r.status);
    const formValues = hasFormValues(r.formValues) ? r.formValues : null;
    // A form's values are part of the answer: withheld with it, and printing them unapproved makes a draft.
    const answered = (r.answer !== null && r.answer.trim() !== '') || formValues !== null;
    const withheld = !final && !options.includeUnapproved && answered;
    if (!final && options.includeUnapproved && (r.answer || formValues)) draft = true;
    return {
      id: r.id,
      subjectId: r.subjectId,
      requestId: r.requestId,
      status: r.status,
      answer: withheld ? null : r.answer,
      answerWithheld: withheld,
      formValues: withheld ? null : formValues,
      assignee: r.assignee,
      reviewer: r.reviewer,
      approvedBy: r.approvedBy,
      approvedAt: r.approvedAt,
      dueDate: r.dueDate,
      overdue: isOverdue(
        { status: r.status, dueDate: r.dueDate },
        audit.responseDeadline,
        audit.deadlineTimeZone,
        ctx.now,
      ),
      evidenceIds: r.evidence.map((e) => e.evidenceId),
    };
  });

  const toVersion = (v: (typeof evidenceRows)[number]['versions'][number]): ReportFileVersion => ({
    ...v,
    sizeBytes: Number(v.sizeBytes),
  });
  const evidence: ReportEvidence[] = evidenceRows.map(({ versions, ...e }) => {
    const files = e.kind === 'FILE' ? versions.map(toVersion) : [];
    return { ...e, file: files[0] ?? null, earlierVersions: files.slice(1) };
  });

  const { members, confidentialityLegend, ...auditFields } = audit;
  const roleOrder = (role: string) => COUNSEL_ROLES.indexOf(role);
  return {
    audit: {
      ...auditFields,
      confidentialityLegend: confidentialityLegend?.trim() || DEFAULT_CONFIDENTIALITY_LEGEND,
      counsel: members
        .sort((a, b) => roleOrder(a.role) - roleOrder(b.role) || a.user.name.localeCompare(b.user.name))
        .map((m) => ({ name: m.user.name, role: m.role === AuditRole.LEAD_COUNSEL ? 'Lead counsel' : 'Counsel' })),
    },
    extensions,
    options: { subjectIds: chosen, includeUnapproved: options.includeUnapproved },
    draft,
    generatedAt: ctx.now,
    generatedBy: ctx.generatedBy,
    subjects,
    requests: requests.map(({ form, ...r }) => ({
      ...r,
      form: form ? { fields: form.fields as unknown as FormField[] } : null,
    })),
    responses,
    evidence,
    activity: activityGroups
      .map((g) => ({
        actor: g.actorId ? (actors.get(g.actorId) ?? 'Former user') : 'System',
        entityType: g.entityType,
        action: g.action,
        count: g._count._all,
        firstAt: g._min.occurredAt!,
        lastAt: g._max.occurredAt!,
      }))
      .sort((a, b) => b.lastAt.getTime() - a.lastAt.getTime() || a.actor.localeCompare(b.actor)),
  };
}

/** Form values worth printing: an object with at least one answered entry. */
function hasFormValues(value: unknown): value is FormValues {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value as FormValues).some((v) => !isEmptyFormValue(v));
}
