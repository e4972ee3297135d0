// Reminders: the planned and sent ones, the policy, sending a digest now, retrying.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type ReminderPolicy, type ReminderStatus } from '../client';
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
