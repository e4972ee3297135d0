// Server state: one hook per read, keyed so a write can refresh exactly what it changed.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  api,
  isApiError,
  type ActivityAction,
  type ActivityEntityType,
  unwrap,
  type CreateAudit,
  type ReminderPolicy,
  type ReminderStatus,
  type ResponseDetail,
  type ResponseStatus,
  type ResponseUpdate,
  type Schemas,
  type User,
} from './client';

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

/** The logged-in user, or null when nobody is (401). */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async (): Promise<User | null> => {
      try {
        return await unwrap(api.GET('/api/auth/me'));
      } catch (error) {
        if (isApiError(error, 401)) return null;
        throw error;
      }
    },
    staleTime: Infinity,
  });
}

/** The demo logins, or null when the install is not a demo (404). */
export function useDemoLogins() {
  return useQuery({
    queryKey: keys.demoLogins,
    queryFn: async () => {
      try {
        return await unwrap(api.GET('/api/demo/logins'));
      } catch (error) {
        if (isApiError(error, 404)) return null;
        throw error;
      }
    },
    staleTime: Infinity,
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => unwrap(api.POST('/api/auth/login', { body })),
    onSuccess: (user) => {
      client.clear();
      client.setQueryData(keys.me, user);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/logout')),
    onSettled: () => {
      client.clear();
      client.setQueryData(keys.me, null);
    },
  });
}

export function useAudits() {
  return useQuery({
    queryKey: keys.audits,
    queryFn: () => unwrap(api.GET('/api/audits', { params: { query: { page: 1, pageSize: 100 } } })),
  });
}

export function useCreateAudit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAudit) => unwrap(api.POST('/api/audits', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.audits }),
  });
}

export function useAudit(auditId: string) {
  return useQuery({
    queryKey: keys.audit(auditId),
    queryFn: () => unwrap(api.GET('/api/audits/{auditId}', { params: { path: { auditId } } })),
  });
}

export function useUpdateAudit(auditId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['UpdateAuditDto']) =>
      unwrap(api.PATCH('/api/audits/{auditId}', { params: { path: { auditId } }, body })),
    onSuccess: (audit) => {
      client.setQueryData(keys.audit(auditId), audit);
      void client.invalidateQueries({ queryKey: keys.audits });
    },
  });
}

export function useProgress(auditId: string) {
  return useQuery({
    queryKey: keys.progress(auditId),
    queryFn: () => unwrap(api.GET('/api/audits/{auditId}/progress', { params: { path: { auditId } } })),
  });
}

export function useMembers(auditId: string) {
  return useQuery({
    queryKey: keys.members(auditId),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/members', { params: { path: { auditId }, query: { page: 1, pageSize: 500 } } }),
      ),
  });
}

export function useSubjects(auditId: string) {
  return useQuery({
    queryKey: keys.subjects(auditId),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/subjects', { params: { path: { auditId }, query: { page: 1, pageSize: 500 } } }),
      ),
  });
}

export function useRequests(auditId: string) {
  return useQuery({
    queryKey: keys.requests(auditId),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/requests', { params: { path: { auditId }, query: { page: 1, pageSize: 500 } } }),
      ),
  });
}

export interface GridFilters {
  mine?: boolean;
  overdue?: boolean;
  status?: ResponseStatus[];
  subjectId?: string;
}

export function useGrid(auditId: string, filters: GridFilters) {
  return useQuery({
    queryKey: keys.grid(auditId, filters),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/responses', {
          params: {
            path: { auditId },
            query: {
              page: 1,
              pageSize: 500,
              ...(filters.mine && { assigneeId: 'me' }),
              ...(filters.overdue && { overdue: true }),
              ...(filters.status?.length && { status: filters.status }),
              ...(filters.subjectId && { subjectId: filters.subjectId }),
            },
          },
          // The API reads a list as comma-separated values.
          querySerializer: { array: { style: 'form', explode: false } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Open responses past their due date, for "what is overdue and who owes it". */
export function useOverdue(auditId: string) {
  return useQuery({
    queryKey: keys.overdue(auditId),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/responses', {
          params: { path: { auditId }, query: { overdue: true, page: 1, pageSize: 500 } },
        }),
      ),
  });
}

export const fetchResponse = (auditId: string, responseId: string) =>
  unwrap(api.GET('/api/audits/{auditId}/responses/{responseId}', { params: { path: { auditId, responseId } } }));

export function useResponse(auditId: string, responseId: string) {
  return useQuery({ queryKey: keys.response(auditId, responseId), queryFn: () => fetchResponse(auditId, responseId) });
}

export function useUpdateResponse(auditId: string, responseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ResponseUpdate) =>
      unwrap(
        api.PATCH('/api/audits/{auditId}/responses/{responseId}', { params: { path: { auditId, responseId } }, body }),
      ),
    onSuccess: (saved: ResponseDetail) => {
      client.setQueryData(keys.response(auditId, responseId), saved);
      // The grid, progress and history all reflect the change.
      void client.invalidateQueries({ queryKey: keys.grid(auditId) });
      void client.invalidateQueries({ queryKey: keys.progress(auditId) });
      void client.invalidateQueries({ queryKey: keys.activity(auditId) });
      void client.invalidateQueries({ queryKey: keys.audits });
    },
  });
}

export function useComments(auditId: string, responseId: string) {
  return useQuery({
    queryKey: keys.comments(auditId, responseId),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/responses/{responseId}/comments', {
          params: { path: { auditId, responseId }, query: { page: 1, pageSize: 500 } },
        }),
      ),
  });
}

export function useAddComment(auditId: string, responseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      unwrap(
        api.POST('/api/audits/{auditId}/responses/{responseId}/comments', {
          params: { path: { auditId, responseId } },
          body: { body },
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.comments(auditId, responseId) });
      void client.invalidateQueries({ queryKey: keys.grid(auditId) });
    },
  });
}

export interface ActivityFilters {
  entityType?: ActivityEntityType;
  action?: ActivityAction;
  actorId?: string;
  page: number;
}

export function useActivity(auditId: string, filters: ActivityFilters) {
  return useQuery({
    queryKey: keys.activity(auditId, filters),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/activity', {
          params: {
            path: { auditId },
            query: {
              page: filters.page,
              pageSize: 50,
              ...(filters.entityType && { entityType: filters.entityType }),
              ...(filters.action && { action: filters.action }),
              ...(filters.actorId && { actorId: filters.actorId }),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

// --- Features added by the reminders, evidence and report work ------------------------------

export const featureKeys = {
  reminders: (auditId: string, status?: string) =>
    ['audit', auditId, 'reminders', ...(status ? [status] : [])] as const,
  policy: (auditId: string) => ['audit', auditId, 'reminder-policy'] as const,
  extensions: (auditId: string) => ['audit', auditId, 'extensions'] as const,
  legalHold: (auditId: string) => ['audit', auditId, 'legal-hold'] as const,
  evidence: (auditId: string, responseId: string) => ['audit', auditId, 'response', responseId, 'evidence'] as const,
  reports: (auditId: string) => ['audit', auditId, 'reports'] as const,
  report: (auditId: string, reportId: string) => ['audit', auditId, 'reports', reportId] as const,
};

// --- Reminders -------------------------------------------------------------------------

export function useReminders(auditId: string, status: ReminderStatus | undefined, page: number) {
  return useQuery({
    queryKey: [...featureKeys.reminders(auditId), { status, page }],
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/reminders', {
          params: { path: { auditId }, query: { page, pageSize: 25, ...(status && { status }) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useReminderPolicy(auditId: string) {
  return useQuery({
    queryKey: featureKeys.policy(auditId),
    queryFn: () => unwrap(api.GET('/api/audits/{auditId}/reminders/policy', { params: { path: { auditId } } })),
  });
}

export function useSaveReminderPolicy(auditId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReminderPolicy) =>
      unwrap(api.PUT('/api/audits/{auditId}/reminders/policy', { params: { path: { auditId } }, body })),
    onSuccess: (policy) => {
      client.setQueryData(featureKeys.policy(auditId), policy);
      // Saving the policy re-plans the pending reminders.
      void client.invalidateQueries({ queryKey: featureKeys.reminders(auditId) });
    },
  });
}

export function useSendDigestNow(auditId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      unwrap(api.POST('/api/audits/{auditId}/reminders/send-now', { params: { path: { auditId } }, body: { userId } })),
    onSuccess: () => client.invalidateQueries({ queryKey: featureKeys.reminders(auditId) }),
  });
}

export function useRetryReminder(auditId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reminderId: string) =>
      unwrap(
        api.POST('/api/audits/{auditId}/reminders/{reminderId}/retry', { params: { path: { auditId, reminderId } } }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: featureKeys.reminders(auditId) }),
  });
}

// --- Extensions and legal hold ------------------------------------------------------------

export function useExtensions(auditId: string) {
  return useQuery({
    queryKey: featureKeys.extensions(auditId),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/extensions', {
          params: { path: { auditId }, query: { page: 1, pageSize: 100 } },
        }),
      ),
  });
}

/** A granted extension moves the deadline: the audit, its progress and reminders change too. */
function useAfterDeadlineChange(auditId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: featureKeys.extensions(auditId) });
    void client.invalidateQueries({ queryKey: keys.audit(auditId) });
    void client.invalidateQueries({ queryKey: keys.audits });
  };
}

export function useRequestExtension(auditId: string) {
  const done = useAfterDeadlineChange(auditId);
  return useMutation({
    mutationFn: (body: Schemas['CreateExtensionDto']) =>
      unwrap(api.POST('/api/audits/{auditId}/extensions', { params: { path: { auditId } }, body })),
    onSuccess: done,
  });
}

export function useDecideExtension(auditId: string) {
  const done = useAfterDeadlineChange(auditId);
  return useMutation({
    mutationFn: ({ extensionId, ...body }: Schemas['DecideExtensionDto'] & { extensionId: string }) =>
      unwrap(
        api.POST('/api/audits/{auditId}/extensions/{extensionId}/decision', {
          params: { path: { auditId, extensionId } },
          body,
        }),
      ),
    onSuccess: done,
  });
}

export function useLegalHold(auditId: string) {
  return useQuery({
    queryKey: featureKeys.legalHold(auditId),
    queryFn: () => unwrap(api.GET('/api/audits/{auditId}/legal-hold', { params: { path: { auditId } } })),
  });
}

export function useSetLegalHold(auditId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason: string | null) =>
      reason === null
        ? unwrap(api.DELETE('/api/audits/{auditId}/legal-hold', { params: { path: { auditId } } }))
        : unwrap(api.PUT('/api/audits/{auditId}/legal-hold', { params: { path: { auditId } }, body: { reason } })),
    onSuccess: (hold) => {
      client.setQueryData(featureKeys.legalHold(auditId), hold);
      void client.invalidateQueries({ queryKey: keys.audit(auditId) });
    },
  });
}

// --- Evidence -----------------------------------------------------------------------------

export function useResponseEvidence(auditId: string, responseId: string) {
  return useQuery({
    queryKey: featureKeys.evidence(auditId, responseId),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/responses/{responseId}/evidence', {
          params: { path: { auditId, responseId }, query: { page: 1, pageSize: 200 } },
        }),
      ),
  });
}

export function useVerifyEvidence(auditId: string, responseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ evidenceId, number }: { evidenceId: string; number: number }) =>
      unwrap(
        api.POST('/api/audits/{auditId}/evidence/{evidenceId}/versions/{number}/verify', {
          params: { path: { auditId, evidenceId, number } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: featureKeys.evidence(auditId, responseId) }),
  });
}

// --- Reports ------------------------------------------------------------------------------

export function useReports(auditId: string) {
  return useQuery({
    queryKey: featureKeys.reports(auditId),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/reports', { params: { path: { auditId }, query: { page: 1, pageSize: 50 } } }),
      ),
  });
}

export function useQueueReport(auditId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['ReportOptionsDto']) =>
      unwrap(api.POST('/api/audits/{auditId}/reports', { params: { path: { auditId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: featureKeys.reports(auditId) }),
  });
}

/** One report, polled every second while it renders. */
export function useReport(auditId: string, reportId: string | null) {
  const client = useQueryClient();
  return useQuery({
    queryKey: featureKeys.report(auditId, reportId ?? ''),
    enabled: reportId !== null,
    queryFn: async () => {
      const report = await unwrap(
        api.GET('/api/audits/{auditId}/reports/{reportId}', { params: { path: { auditId, reportId: reportId! } } }),
      );
      if (report.status === 'DONE' || report.status === 'FAILED')
        void client.invalidateQueries({ queryKey: featureKeys.reports(auditId), exact: true });
      return report;
    },
    refetchInterval: (query) =>
      query.state.data && ['DONE', 'FAILED'].includes(query.state.data.status) ? false : 1000,
  });
}
