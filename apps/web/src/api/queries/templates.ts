// Request templates (the organisation's saved request lists), copying an audit as a new one,
// and putting a whole list of the set-up (provisions, subjects, requests) in a new order.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { keys, setupKeys } from './keys';
import { everyPage } from './every-page';

export const templateKeys = {
  all: ['request-templates'] as const,
};

export type RequestTemplate = Schemas['RequestTemplateSummaryDto'];
export type CopyAuditInput = Schemas['CopyAuditDto'];

export function useRequestTemplates() {
  return useQuery({
    queryKey: templateKeys.all,
    queryFn: () =>
      everyPage((page, pageSize) =>
        unwrap(api.GET('/api/request-templates', { params: { query: { page, pageSize } } })),
      ),
  });
}

/** Saves the audit's requests, with the provisions they cite, as a template. */
export function useSaveRequestTemplate(auditId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['SaveRequestTemplateDto']) =>
      unwrap(api.POST('/api/audits/{auditId}/request-templates', { params: { path: { auditId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: templateKeys.all }),
  });
}

export function useUpdateRequestTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas['UpdateRequestTemplateDto'] }) =>
      unwrap(api.PATCH('/api/request-templates/{templateId}', { params: { path: { templateId: id } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: templateKeys.all }),
  });
}

export function useDeleteRequestTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (templateId: string) =>
      unwrap(api.DELETE('/api/request-templates/{templateId}', { params: { path: { templateId } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: templateKeys.all }),
  });
}

/** Copies the audit as a new DRAFT one (lead counsel); resolves to the new audit. */
export function useCopyAudit(auditId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CopyAuditInput) =>
      unwrap(api.POST('/api/audits/{auditId}/copy', { params: { path: { auditId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.audits }),
  });
}

type OrderedList = 'provisions' | 'subjects' | 'requests';

/**
 * Puts a whole list in the given order in one request (the API checks it is exactly the
 * current list, and applies it in one transaction). The lists, the grid and the history follow.
 */
export function useReorder(auditId: string, list: OrderedList) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (ids: string[]): Promise<void> => {
      const params = { params: { path: { auditId } }, body: { ids } };
      if (list === 'provisions') await unwrap(api.PUT('/api/audits/{auditId}/provisions/order', params));
      else if (list === 'subjects') await unwrap(api.PUT('/api/audits/{auditId}/subjects/order', params));
      else await unwrap(api.PUT('/api/audits/{auditId}/requests/order', params));
    },
    onSettled: () =>
      Promise.all(
        [
          setupKeys.provisions(auditId),
          keys.subjects(auditId),
          keys.requests(auditId),
          keys.grid(auditId),
          keys.activity(auditId),
        ].map((queryKey) => client.invalidateQueries({ queryKey })),
      ),
  });
}

/** The ids of `items` with the one at `from` moved to `to`. */
export function moved<T extends { id: string }>(items: T[], from: number, to: number): string[] {
  const ids = items.map((item) => item.id);
  const [id] = ids.splice(from, 1);
  ids.splice(to, 0, id);
  return ids;
}
