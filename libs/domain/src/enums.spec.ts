import * as prisma from '../../db/src/generated/prisma/enums';
import {
  AuditRole,
  AuditStatus,
  ConfidentialityLevel,
  EvidenceKind,
  ExtensionStatus,
  IntegrityResult,
  OrgRole,
  ReminderStatus,
  ReportStatus,
  ResponseStatus,
  SourceDocumentKind,
} from './enums';
import { Disposition } from './formal-response';
import { RedactionReason } from './redactions';

// The domain keeps its own copy of the enums so its rules need no ORM; this keeps the copies true.
describe('domain enums', () => {
  it.each([
    ['AuditStatus', AuditStatus, prisma.AuditStatus],
    ['AuditRole', AuditRole, prisma.AuditRole],
    ['OrgRole', OrgRole, prisma.OrgRole],
    ['ResponseStatus', ResponseStatus, prisma.ResponseStatus],
    ['EvidenceKind', EvidenceKind, prisma.EvidenceKind],
    ['ConfidentialityLevel', ConfidentialityLevel, prisma.ConfidentialityLevel],
    ['IntegrityResult', IntegrityResult, prisma.IntegrityResult],
    ['ReminderStatus', ReminderStatus, prisma.ReminderStatus],
    ['ExtensionStatus', ExtensionStatus, prisma.ExtensionStatus],
    ['ReportStatus', ReportStatus, prisma.ReportStatus],
    ['SourceDocumentKind', SourceDocumentKind, prisma.SourceDocumentKind],
    ['Disposition', Disposition, prisma.Disposition],
    ['RedactionReason', RedactionReason, prisma.RedactionReason],
  ])('%s matches the database enum', (_name, domain, database) => {
    expect(Object.values(domain).sort()).toEqual(Object.values(database).sort());
  });
});
