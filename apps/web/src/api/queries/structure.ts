// The audit's structure: the provisions requests cite, its subjects (rows of the grid) and
// requests (columns). Adding or removing a subject or request adds or removes grid cells, so
// those writes refresh the grid and the progress too.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { everyPage } from './every-page';
import { keys, setupKeys } from './keys';

export function useProvisions(auditId: string) {
  return useQuery({
    queryKey: setupKeys.provisions(auditId),
    queryFn: () =>
      everyPage((page, pageSize) =>
        unwrap(
          api.GET('/api/audits/{auditId}/provisions', { params: { path: { auditId }, query: { page, pageSize } } }),
        ),
      ),
  });
}

/** Every subject (the grid's rows), over all pages. */
export const subjectsQuery = (auditId: string) =>
  queryOptions({
    queryKey: keys.subjects(auditId),
    queryFn: () =>
      everyPage((page, pageSize) =>
        unwrap(api.GET('/api/audits/{auditId}/subjects', { params: { path: { auditId }, query: { page, pageSize } } })),
      ),
  });

export function useSubjects(auditId: string) {
  return useQuery(subjectsQuery(auditId));
}

/** Every request (the grid's columns), over all pages. */
export const requestsQuery = (auditId: string) =>
  queryOptions({
    queryKey: keys.requests(auditId),
    queryFn: () =>
      everyPage((page, pageSize) =>
        unwrap(api.GET('/api/audits/{auditId}/requests', { params: { path: { auditId }, query: { page, pageSize } } })),
      ),
  });

export function useRequests(auditId: string) {
  return useQuery(requestsQuery(auditId));
}

/** What a change to the structure makes stale: the lists, the grid, progress and history. */
export function useAfterStructureChange(auditId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all(
      [
        setupKeys.provisions(auditId),
        keys.subjects(auditId),
        keys.requests(auditId),
        keys.grid(auditId),
        keys.progress(auditId),
        keys.activity(auditId),
        keys.audits,
      ].map((queryKey) => client.invalidateQueries({ queryKey })),
    );
}

export type ProvisionInput = Schemas['CreateProvisionDto'];
export type SubjectInput = Schemas['CreateSubjectDto'];
export type RequestInput = Schemas['CreateRequestDto'];

/** Creates (no id) or edits (an id) a provision. */
export function useSaveProvision(auditId: string) {
  const done = useAfterStructureChange(auditId);
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: Partial<ProvisionInput> }) =>
      id
        ? unwrap(
            api.PATCH('/api/audits/{auditId}/provisions/{provisionId}', {
              params: { path: { auditId, provisionId: id } },
              body,
            }),
          )
        : unwrap(
            api.POST('/api/audits/{auditId}/provisions', {
              params: { path: { auditId } },
              body: body as ProvisionInput,
            }),
          ),
    onSuccess: done,
  });
}

export function useDeleteProvision(auditId: string) {
  const done = useAfterStructureChange(auditId);
  return useMutation({
    mutationFn: (provisionId: string) =>
      unwrap(
        api.DELETE('/api/audits/{auditId}/provisions/{provisionId}', { params: { path: { auditId, provisionId } } }),
      ),
    onSuccess: done,
  });
}

export function useSaveSubject(auditId: string) {
  const done = useAfterStructureChange(auditId);
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: Partial<SubjectInput> }) =>
      id
        ? unwrap(
            api.PATCH('/api/audits/{auditId}/subjects/{subjectId}', {
              params: { path: { auditId, subjectId: id } },
              body,
            }),
          )
        : unwrap(
            api.POST('/api/audits/{auditId}/subjects', { params: { path: { auditId } }, body: body as SubjectInput }),
          ),
    onSuccess: done,
  });
}

export function useDeleteSubject(auditId: string) {
  const done = useAfterStructureChange(auditId);
  return useMutation({
    mutationFn: (subjectId: string) =>
      unwrap(api.DELETE('/api/audits/{auditId}/subjects/{subjectId}', { params: { path: { auditId, subjectId } } })),
    onSuccess: done,
  });
}

export function useSaveRequest(auditId: string) {
  const done = useAfterStructureChange(auditId);
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: Partial<RequestInput> }) =>
      id
        ? unwrap(
            api.PATCH('/api/audits/{auditId}/requests/{requestId}', {
              params: { path: { auditId, requestId: id } },
              body,
            }),
          )
        : unwrap(
            api.POST('/api/audits/{auditId}/requests', { params: { path: { auditId } }, body: body as RequestInput }),
          ),
    onSuccess: done,
  });
}

export function useDeleteRequest(auditId: string) {
  const done = useAfterStructureChange(auditId);
  return useMutation({
    mutationFn: (requestId: string) =>
      unwrap(api.DELETE('/api/audits/{auditId}/requests/{requestId}', { params: { path: { auditId, requestId } } })),
    onSuccess: done,
  });
}
