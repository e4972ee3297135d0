// Query keys, in one place: a write in one feature refreshes reads of another (a granted
// extension moves the audit's deadline; an answer moves the progress), so they share these.
import type { ActivityFilters } from './activity';
import type { AdminUserFilters } from './people';
import type { GridFilters } from './responses';

export const keys = {
  me: ['me'] as const,
  demoLogins: ['demo-logins'] as const,
  audits: ['audits'] as const,
  audit: (auditId: string) => ['audit', auditId] as const,
  progress: (auditId: string) => ['audit', auditId, 'progress'] as const,
  members: (auditId: string) => ['audit', auditId, 'members'] as const,
  subjects: (auditId: string) => ['audit', auditId, 'subjects'] as const,
  requests: (auditId: string) => ['audit', auditId, 'requests'] as const,
  grid: (auditId: string, filters?: GridFilters) => ['audit', auditId, 'grid', ...(filters ? [filters] : [])] as const,
  overdue: (auditId: string) => ['audit', auditId, 'grid', 'overdue'] as const,
  response: (auditId: string, responseId: string) => ['audit', auditId, 'response', responseId] as const,
  comments: (auditId: string, responseId: string) => ['audit', auditId, 'response', responseId, 'comments'] as const,
  activity: (auditId: string, filters?: ActivityFilters) =>
    ['audit', auditId, 'activity', ...(filters ? [filters] : [])] as const,
};

export const featureKeys = {
  reminders: (auditId: string, status?: string) =>
    ['audit', auditId, 'reminders', ...(status ? [status] : [])] as const,
  policy: (auditId: string) => ['audit', auditId, 'reminder-policy'] as const,
  reminderPause: (auditId: string) => ['audit', auditId, 'reminder-pause'] as const,
  myReminders: ['my-reminders'] as const,
  extensions: (auditId: string) => ['audit', auditId, 'extensions'] as const,
  legalHold: (auditId: string) => ['audit', auditId, 'legal-hold'] as const,
  evidence: (auditId: string, responseId: string) => ['audit', auditId, 'response', responseId, 'evidence'] as const,
  evidenceVersions: (auditId: string, evidenceId: string) =>
    ['audit', auditId, 'evidence', evidenceId, 'versions'] as const,
  evidenceCustody: (auditId: string, evidenceId: string) =>
    ['audit', auditId, 'evidence', evidenceId, 'custody'] as const,
  reports: (auditId: string) => ['audit', auditId, 'reports'] as const,
  report: (auditId: string, reportId: string) => ['audit', auditId, 'reports', reportId] as const,
};

export const setupKeys = {
  provisions: (auditId: string) => ['audit', auditId, 'provisions'] as const,
  users: ['users'] as const,
};

export const peopleKeys = {
  invitation: (token: string) => ['invitation', token] as const,
  passwordReset: (token: string) => ['password-reset', token] as const,
  adminUsers: (filters?: AdminUserFilters) => ['admin-users', ...(filters ? [filters] : [])] as const,
  documents: (auditId: string) => ['audit', auditId, 'documents'] as const,
  calendarFeed: ['calendar-feed'] as const,
};
