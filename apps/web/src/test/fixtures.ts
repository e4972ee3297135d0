// Small, typed records for component tests.
import type { Audit, EvidenceVersion, LegalHold, ReminderPause, User } from '../api/client';

export const ada: User = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'ada@firm.example',
  name: 'Ada Lovelace',
  timeZone: 'Europe/London',
  orgRole: 'MEMBER',
  canOpenAudits: true,
};

export function auditFixture(extra: Partial<Audit> = {}): Audit {
  return {
    id: 'a0000000-0000-4000-8000-000000000001',
    title: 'Database licence audit',
    referenceCode: 'ORCL-ACME-2026',
    status: 'DRAFT',
    demandingParty: 'Oracle America, Inc.',
    demandingCounselName: 'Grace Hopper',
    demandingCounselFirm: 'Hopper LLP',
    demandingCounselEmail: 'grace@hopper.example',
    respondingParty: 'Acme Corp.',
    respondingCounselName: null,
    respondingCounselFirm: null,
    respondingCounselEmail: null,
    submittedAt: null,
    agreementTitle: 'Master Licence Agreement',
    agreementVersion: 'v1',
    auditClauseRef: '12.3',
    letterDate: '2026-05-01',
    receivedOn: '2026-05-04',
    responseDeadline: '2026-06-07T21:00:00.000Z',
    responseDeadlineLocal: '2026-06-07T17:00:00.000-04:00',
    deadlineTimeZone: 'America/New_York',
    periodStart: '2023-01-01',
    periodEnd: '2025-12-31',
    notes: null,
    confidentialityLegend: null,
    effectiveConfidentialityLegend: 'PRIVILEGED & CONFIDENTIAL - ATTORNEY WORK PRODUCT',
    defaultReviewerId: null,
    myRole: 'LEAD_COUNSEL',
    createdAt: '2026-05-04T09:00:00.000Z',
    updatedAt: '2026-05-04T09:00:00.000Z',
    ...extra,
  };
}

/** Version 1 of a file, uploaded by Kenji Watanabe and not re-checked since; `extra` changes any of it. */
export function evidenceVersionFixture(extra: Partial<EvidenceVersion> = {}): EvidenceVersion {
  return {
    id: 'v1',
    number: 1,
    fileName: 'cache.txt',
    mediaType: 'text/plain',
    sizeBytes: 2048,
    sha256: 'ecaa3b8ecae71dba3b53ca2c267fca27b9fda8afdf61d4d168f11377a775540b',
    uploadedBy: { id: 'u1', name: 'Kenji Watanabe' },
    uploadedAt: '2023-05-25T14:00:00Z',
    lastVerifiedAt: null,
    lastVerification: null,
    integrityAlert: false,
    ...extra,
  };
}

/** An audit not under legal hold, as `GET .../legal-hold` answers. */
export const noLegalHold: LegalHold = { active: false, since: null, reason: null, placedBy: null };

/** An audit whose reminders are not paused, as `GET .../reminders/pause` answers. */
export const remindersRunning: ReminderPause = { paused: false, since: null, reason: null, pausedBy: null };
