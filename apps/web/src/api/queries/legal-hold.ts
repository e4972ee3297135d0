// The audit's legal hold.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { featureKeys, keys } from './keys';

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
