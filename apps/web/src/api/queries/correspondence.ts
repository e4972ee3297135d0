// The correspondence log with the other side: entries, their files, the exports.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { uploadCorrespondenceAttachment, type CorrespondenceAttachmentUpload } from '../upload';
import { keys, peopleKeys } from './keys';

export type Correspondence = Schemas['CorrespondenceDto'];
export type CorrespondenceInput = Schemas['CorrespondenceInputDto'];
export type CorrespondenceDirection = Schemas['CorrespondenceDirection'];
export type CorrespondenceChannel = Schemas['CorrespondenceChannel'];

export interface CorrespondenceFilters {
  q?: string;
  direction?: CorrespondenceDirection;
  channel?: CorrespondenceChannel;
  requestId?: string;
}

const correspondenceKey = (auditId: string, filters?: CorrespondenceFilters & { page?: number }) =>
  ['audit', auditId, 'correspondence', ...(filters ? [filters] : [])] as const;

export const CORRESPONDENCE_PAGE_SIZE = 25;

export function useCorrespondence(auditId: string, filters: CorrespondenceFilters, page: number) {
  return useQuery({
    queryKey: correspondenceKey(auditId, { ...filters, page }),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/correspondence', {
          params: { path: { auditId }, query: { ...filters, page, pageSize: CORRESPONDENCE_PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

function useAfterCorrespondenceChange(auditId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all(
      // Files of the log are among the audit's documents too.
      [correspondenceKey(auditId), peopleKeys.documents(auditId), keys.activity(auditId)].map((queryKey) =>
        client.invalidateQueries({ queryKey }),
      ),
    );
}

/** Logs an entry, or replaces the one named on top of the version it was read at. */
export function useSaveCorrespondence(auditId: string) {
  const done = useAfterCorrespondenceChange(auditId);
  return useMutation({
    mutationFn: ({ entry, body }: { entry: Correspondence | null; body: CorrespondenceInput }) =>
      entry
        ? unwrap(
            api.PUT('/api/audits/{auditId}/correspondence/{correspondenceId}', {
              params: { path: { auditId, correspondenceId: entry.id } },
              body: { ...body, version: entry.version },
            }),
          )
        : unwrap(api.POST('/api/audits/{auditId}/correspondence', { params: { path: { auditId } }, body })),
    onSuccess: done,
  });
}

export function useDeleteCorrespondence(auditId: string) {
  const done = useAfterCorrespondenceChange(auditId);
  return useMutation({
    mutationFn: (entryId: string) =>
      unwrap(
        api.DELETE('/api/audits/{auditId}/correspondence/{correspondenceId}', {
          params: { path: { auditId, correspondenceId: entryId } },
        }),
      ),
    onSuccess: done,
  });
}

/** Removes one attachment, on top of the entry's version shown (409 when someone changed it since). */
export function useRemoveCorrespondenceAttachment(auditId: string) {
  const done = useAfterCorrespondenceChange(auditId);
  return useMutation({
    mutationFn: ({ entry, attachmentId }: { entry: Pick<Correspondence, 'id' | 'version'>; attachmentId: string }) =>
      unwrap(
        api.DELETE('/api/audits/{auditId}/correspondence/{correspondenceId}/attachments/{attachmentId}', {
          params: {
            path: { auditId, correspondenceId: entry.id, attachmentId },
            query: { version: entry.version },
          },
        }),
      ),
    onSuccess: done,
  });
}

export function useAttachToCorrespondence(auditId: string) {
  const done = useAfterCorrespondenceChange(auditId);
  return useMutation({
    mutationFn: (upload: Omit<CorrespondenceAttachmentUpload, 'auditId'>) =>
      uploadCorrespondenceAttachment({ ...upload, auditId }),
    onSuccess: done,
  });
}

/** The log's export with the filters shown, for download links. */
export function correspondenceExportUrl(
  auditId: string,
  format: 'csv' | 'xlsx' | 'pdf',
  filters: CorrespondenceFilters,
) {
  const query = new URLSearchParams(
    Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  ).toString();
  return `/api/audits/${auditId}/correspondence/export.${format}${query ? `?${query}` : ''}`;
}
