// Evidence of a response.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { featureKeys } from './keys';

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
