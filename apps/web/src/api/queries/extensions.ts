// Deadline extensions: recording a request and deciding it (granting moves the deadline).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { featureKeys, keys } from './keys';

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
