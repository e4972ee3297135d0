// Audits: the list, one audit, opening and editing one, its progress.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type CreateAudit, type Schemas } from '../client';
import { keys } from './keys';

export const auditsQuery = queryOptions({
  queryKey: keys.audits,
  queryFn: () => unwrap(api.GET('/api/audits', { params: { query: { page: 1, pageSize: 100 } } })),
});

export function useAudits() {
  return useQuery(auditsQuery);
}

/**
 * Opens an audit. The API takes the confidentiality legend only on an existing audit, so a
 * legend typed into "New audit" is set right after; should that fail, the audit stays open
 * and `legendError` says why.
 */
export function useCreateAudit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({
      audit,
      confidentialityLegend,
    }: {
      audit: CreateAudit;
      confidentialityLegend: string | null;
    }) => {
      const created = await unwrap(api.POST('/api/audits', { body: audit }));
      if (!confidentialityLegend) return { audit: created, legendError: null };
      try {
        const withLegend = await unwrap(
          api.PATCH('/api/audits/{auditId}', {
            params: { path: { auditId: created.id } },
            body: { confidentialityLegend },
          }),
        );
        return { audit: withLegend, legendError: null };
      } catch (error) {
        return { audit: created, legendError: error instanceof Error ? error.message : String(error) };
      }
    },
    onSuccess: () => client.invalidateQueries({ queryKey: keys.audits }),
  });
}

export const auditQuery = (auditId: string) =>
  queryOptions({
    queryKey: keys.audit(auditId),
    queryFn: () => unwrap(api.GET('/api/audits/{auditId}', { params: { path: { auditId } } })),
  });

export function useAudit(auditId: string) {
  return useQuery(auditQuery(auditId));
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
