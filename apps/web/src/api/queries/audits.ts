// Audits: the list, one audit, opening and editing one, its progress.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type CreateAudit, type Schemas } from '../client';
import { keys } from './keys';

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
