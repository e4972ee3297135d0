// Reminders: the planned and sent ones, the policy, sending a digest now, retrying, counsel's
// pause of an audit, and each user's own settings (their profile).
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type MyReminderSettingsInput, unwrap, type ReminderPolicy, type ReminderStatus } from '../client';
import { featureKeys } from './keys';

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

/** Whether counsel paused the audit's reminders, by whom, since when and why. */
export const reminderPauseQuery = (auditId: string) =>
  queryOptions({
    queryKey: featureKeys.reminderPause(auditId),
    queryFn: () => unwrap(api.GET('/api/audits/{auditId}/reminders/pause', { params: { path: { auditId } } })),
  });

export function useReminderPause(auditId: string) {
  return useQuery(reminderPauseQuery(auditId));
}

/** Pauses the audit's reminders with a reason (`reason` given) or resumes them (counsel). */
export function useSetReminderPause(auditId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ reason }: { reason: string | null }) => {
      const params = { path: { auditId } };
      return unwrap(
        reason === null
          ? api.DELETE('/api/audits/{auditId}/reminders/pause', { params })
          : api.PUT('/api/audits/{auditId}/reminders/pause', { params, body: { reason } }),
      );
    },
    onSuccess: (pause) => {
      client.setQueryData(featureKeys.reminderPause(auditId), pause);
      // Pausing cancels the planned reminders; resuming plans them again.
      void client.invalidateQueries({ queryKey: featureKeys.reminders(auditId) });
      void client.invalidateQueries({ queryKey: featureKeys.myReminders });
    },
  });
}

/** The logged-in user's digest hour, days, vacation and their audits' reminders on or off. */
export function useMyReminderSettings() {
  return useQuery({ queryKey: featureKeys.myReminders, queryFn: () => unwrap(api.GET('/api/me/reminders')) });
}

export function useSaveMyReminderSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MyReminderSettingsInput) => unwrap(api.PUT('/api/me/reminders', { body })),
    onSuccess: (settings) => client.setQueryData(featureKeys.myReminders, settings),
  });
}

/** Turns the logged-in user's own reminders of one audit on or off. */
export function useSetMyAuditReminders() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ auditId, enabled }: { auditId: string; enabled: boolean }) =>
      unwrap(api.PUT('/api/audits/{auditId}/reminders/mine', { params: { path: { auditId } }, body: { enabled } })),
    onSuccess: () => client.invalidateQueries({ queryKey: featureKeys.myReminders }),
  });
}
