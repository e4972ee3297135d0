import type { Audit } from '@app/db';
import { formatCalendarDate, localDeadline, type AuditRole, type ProgressTotals } from '@app/domain';
import { DEFAULT_CONFIDENTIALITY_LEGEND } from '@app/report';
import type { AuditDto, AuditListItemDto } from './dto/audit.dto';

const day = (date: Date | null) => (date ? formatCalendarDate(date) : null);

export const mapAudit = (audit: Audit, myRole: AuditRole): AuditDto => ({
  id: audit.id,
  title: audit.title,
  referenceCode: audit.referenceCode,
  status: audit.status,
  demandingParty: audit.demandingParty,
  demandingCounselName: audit.demandingCounselName,
  demandingCounselFirm: audit.demandingCounselFirm,
  demandingCounselEmail: audit.demandingCounselEmail,
  respondingParty: audit.respondingParty,
  respondingCounselName: audit.respondingCounselName,
  respondingCounselFirm: audit.respondingCounselFirm,
  respondingCounselEmail: audit.respondingCounselEmail,
  agreementTitle: audit.agreementTitle,
  agreementVersion: audit.agreementVersion,
  auditClauseRef: audit.auditClauseRef,
  letterDate: day(audit.letterDate),
  receivedOn: formatCalendarDate(audit.receivedOn),
  responseDeadline: audit.responseDeadline,
  responseDeadlineLocal: localDeadline(audit.responseDeadline, audit.deadlineTimeZone),
  deadlineTimeZone: audit.deadlineTimeZone,
  periodStart: day(audit.periodStart),
  periodEnd: day(audit.periodEnd),
  notes: audit.notes,
  submittedAt: day(audit.submittedAt),
  confidentialityLegend: audit.confidentialityLegend,
  effectiveConfidentialityLegend: audit.confidentialityLegend ?? DEFAULT_CONFIDENTIALITY_LEGEND,
  defaultReviewerId: audit.defaultReviewerId,
  myRole,
  createdAt: audit.createdAt,
  updatedAt: audit.updatedAt,
});

export const mapAuditListItem = (audit: Audit, myRole: AuditRole, progress: ProgressTotals): AuditListItemDto => ({
  ...mapAudit(audit, myRole),
  progress: {
    total: progress.total,
    done: progress.done,
    overdue: progress.overdue,
    percentComplete: progress.percentComplete,
  },
});
