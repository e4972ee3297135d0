// The grid of responses, one response, its comments.
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type ResponseDetail, type ResponseStatus, type ResponseUpdate, type Schemas } from '../client';
import { everyPage } from './every-page';
import { featureKeys, keys } from './keys';

export interface GridFilters {
  mine?: boolean;
  overdue?: boolean;
  status?: ResponseStatus[];
  subjectId?: string;
}

/** The grid's filters as the address holds them (?mine=1&overdue=1&status=A,B&subject=id), so a filtered grid can be shared. */
export function gridFiltersFrom(params: URLSearchParams): GridFilters {
  return {
    mine: params.get('mine') === '1',
    overdue: params.get('overdue') === '1',
    status: (params.get('status')?.split(',').filter(Boolean) ?? []) as ResponseStatus[],
    subjectId: params.get('subject') ?? undefined,
  };
}

/** Every cell of the grid that the filters keep (all pages: the grid draws them all). */
export const gridQuery = (auditId: string, filters: GridFilters) =>
  queryOptions({
    queryKey: keys.grid(auditId, filters),
    queryFn: () =>
      everyPage((page, pageSize) =>
        unwrap(
          api.GET('/api/audits/{auditId}/responses', {
            params: {
              path: { auditId },
              query: {
                page,
                pageSize,
                ...(filters.mine && { assigneeId: 'me' }),
                ...(filters.overdue && { overdue: true }),
                ...(filters.status?.length && { status: filters.status }),
                ...(filters.subjectId && { subjectId: filters.subjectId }),
              },
            },
            // The API reads a list as comma-separated values.
            querySerializer: { array: { style: 'form', explode: false } },
          }),
        ),
      ),
  });

export function useGrid(auditId: string, filters: GridFilters) {
  return useQuery({ ...gridQuery(auditId, filters), placeholderData: keepPreviousData });
}

/** Open responses past their due date, for "what is overdue and who owes it". */
export function useOverdue(auditId: string) {
  return useQuery({
    queryKey: keys.overdue(auditId),
    queryFn: () =>
      everyPage((page, pageSize) =>
        unwrap(
          api.GET('/api/audits/{auditId}/responses', {
            params: { path: { auditId }, query: { overdue: true, page, pageSize } },
          }),
        ),
      ),
  });
}

export const fetchResponse = (auditId: string, responseId: string) =>
  unwrap(api.GET('/api/audits/{auditId}/responses/{responseId}', { params: { path: { auditId, responseId } } }));

export function useResponse(auditId: string, responseId: string) {
  return useQuery({ queryKey: keys.response(auditId, responseId), queryFn: () => fetchResponse(auditId, responseId) });
}

/** The response a save is for, named by each save (see useUpdateResponse). */
export interface ResponseTarget {
  auditId: string;
  responseId: string;
}

/** A save of a response: the edit, the response it is for, and `keepalive` (see below). */
export type ResponseSave = ResponseUpdate & { target: ResponseTarget; keepalive?: boolean };

/**
 * Saves a response. Each save names its response (`target`) rather than the hook: the page
 * stays mounted from one response to the next (Next / Previous response, Back), and a save
 * still under way, or sent as the form for the previous response went, must reach that
 * response and update its cache entry. TanStack Query hands a pending mutation the hook's
 * newest options, so an `onSuccess` closed over the hook's ids wrote the saved response into the
 * next response's entry and left its own holding the version before the save: coming back drew
 * the older text, and its next save was refused as a conflict with the person's own save.
 */
export function useUpdateResponse() {
  const client = useQueryClient();
  return useMutation({
    // `keepalive`: a save sent as the page is left, which the browser delivers after it is gone.
    mutationFn: ({ target: { auditId, responseId }, keepalive, ...body }: ResponseSave) =>
      unwrap(
        api.PATCH('/api/audits/{auditId}/responses/{responseId}', {
          params: { path: { auditId, responseId } },
          body,
          ...(keepalive && { keepalive }),
        }),
      ),
    // Runs whether or not the component that saved is still there, and before the save's promise
    // resolves: the form drops a kept draft only once the cache holds what it saved.
    onSuccess: (saved: ResponseDetail, { target: { auditId, responseId } }) => {
      // A newer version read meanwhile (someone else's save) stays.
      client.setQueryData<ResponseDetail>(keys.response(auditId, responseId), (cached) =>
        cached && cached.version > saved.version ? cached : saved,
      );
      // The grid, progress and history all reflect the change.
      void client.invalidateQueries({ queryKey: keys.grid(auditId) });
      void client.invalidateQueries({ queryKey: keys.progress(auditId) });
      void client.invalidateQueries({ queryKey: keys.activity(auditId) });
      void client.invalidateQueries({ queryKey: keys.audits });
    },
  });
}

export function useComments(auditId: string, responseId: string) {
  return useQuery({
    queryKey: keys.comments(auditId, responseId),
    queryFn: () =>
      everyPage((page, pageSize) =>
        unwrap(
          api.GET('/api/audits/{auditId}/responses/{responseId}/comments', {
            params: { path: { auditId, responseId }, query: { page, pageSize } },
          }),
        ),
      ),
  });
}

export function useAddComment(auditId: string, responseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      unwrap(
        api.POST('/api/audits/{auditId}/responses/{responseId}/comments', {
          params: { path: { auditId, responseId } },
          body: { body },
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.comments(auditId, responseId) });
      void client.invalidateQueries({ queryKey: keys.grid(auditId) });
    },
  });
}

export type BulkStaffing = Schemas['BulkStaffingDto'];
export type BulkStaffingResult = Schemas['BulkStaffingResultDto'];

/** Staffs many cells at once; the answer lists the cells applied and those refused, with reasons. */
export function useBulkStaffing(auditId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkStaffing) =>
      unwrap(api.PATCH('/api/audits/{auditId}/responses', { params: { path: { auditId } }, body })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.grid(auditId) });
      void client.invalidateQueries({ queryKey: keys.progress(auditId) });
      void client.invalidateQueries({ queryKey: keys.activity(auditId) });
      void client.invalidateQueries({ queryKey: featureKeys.reminders(auditId) });
      void client.invalidateQueries({ queryKey: keys.audits });
    },
  });
}
