// The audit's legal hold.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { featureKeys, keys } from './keys';

export const legalHoldQuery = (auditId: string) =>
  queryOptions({
    queryKey: featureKeys.legalHold(auditId),
    queryFn: () => unwrap(api.GET('/api/audits/{auditId}/legal-hold', { params: { path: { auditId } } })),
  });

export function useLegalHold(auditId: string) {
  return useQuery(legalHoldQuery(auditId));
}

export function useSetLegalHold(auditId: string) {
  const client = useQueryClient();
  return useMutation({
    /** Places the hold (`on`) or lifts it; either way with the reason, which the log keeps. */
    mutationFn: ({ on, reason }: { on: boolean; reason: string }) => {
      const init = { params: { path: { auditId } }, body: { reason } };
      return unwrap(
        on ? api.PUT('/api/audits/{auditId}/legal-hold', init) : api.DELETE('/api/audits/{auditId}/legal-hold', init),
      );
    },
    onSuccess: (hold) => {
      client.setQueryData(featureKeys.legalHold(auditId), hold);
      void client.invalidateQueries({ queryKey: keys.audit(auditId) });
    },
  });
}
