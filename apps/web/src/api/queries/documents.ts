// The audit's own documents: the demand letter, the agreement, other correspondence.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { uploadSourceDocument, type SourceDocumentUpload } from '../upload';
import { keys, peopleKeys } from './keys';

export function useSourceDocuments(auditId: string) {
  return useQuery({
    queryKey: peopleKeys.documents(auditId),
    queryFn: () => unwrap(api.GET('/api/audits/{auditId}/documents', { params: { path: { auditId } } })),
  });
}

function useAfterDocumentChange(auditId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all(
      [peopleKeys.documents(auditId), keys.activity(auditId)].map((queryKey) => client.invalidateQueries({ queryKey })),
    );
}

export function useUploadSourceDocument(auditId: string) {
  const done = useAfterDocumentChange(auditId);
  return useMutation({
    mutationFn: (upload: Omit<SourceDocumentUpload, 'auditId'>) => uploadSourceDocument({ ...upload, auditId }),
    onSuccess: done,
  });
}

export function useDeleteSourceDocument(auditId: string) {
  const done = useAfterDocumentChange(auditId);
  return useMutation({
    mutationFn: (documentId: string) =>
      unwrap(api.DELETE('/api/audits/{auditId}/documents/{documentId}', { params: { path: { auditId, documentId } } })),
    onSuccess: done,
  });
}
