// The formal response: the draft (letter fields and a disposition per request), saving one
// request's disposition or the letter's fields (each with its version), and the objection library.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';

export type ResponseDraft = Schemas['ResponseDraftDto'];
export type RequestDisposition = Schemas['RequestDispositionDto'];
export type DispositionUpdate = Schemas['UpdateDispositionDto'];
export type SubjectDisposition = Schemas['SubjectDispositionDto'];
export type SubjectDispositionUpdate = Schemas['UpdateSubjectDispositionDto'];
export type LetterUpdate = Schemas['UpdateResponseLetterDto'];
export type LibraryObjection = Schemas['ObjectionDto'];

export const formalKeys = {
  draft: (auditId: string) => ['audit', auditId, 'response-draft'] as const,
  objections: ['objections'] as const,
};

export function useResponseDraft(auditId: string) {
  return useQuery({
    queryKey: formalKeys.draft(auditId),
    queryFn: () => unwrap(api.GET('/api/audits/{auditId}/response-draft', { params: { path: { auditId } } })),
  });
}

export function useObjectionLibrary() {
  return useQuery({
    queryKey: formalKeys.objections,
    queryFn: () => unwrap(api.GET('/api/objections')),
  });
}

/** Puts a request's disposition as saved into the cached draft (and recounts the undisposed). */
function putSaved(draft: ResponseDraft | undefined, saved: RequestDisposition): ResponseDraft | undefined {
  if (!draft) return draft;
  const requests = draft.requests.map((r) => (r.requestId === saved.requestId ? saved : r));
  return { ...draft, requests, missingDispositions: requests.filter((r) => !r.disposed).length };
}

/** Saves one request's disposition; the caller keeps its own text on a 409 and decides. */
export function useSaveDisposition(auditId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ requestId, ...body }: DispositionUpdate & { requestId: string }) =>
      unwrap(
        api.PUT('/api/audits/{auditId}/response-draft/requests/{requestId}', {
          params: { path: { auditId, requestId } },
          body,
        }),
      ),
    onSuccess: (saved) => {
      client.setQueryData<ResponseDraft>(formalKeys.draft(auditId), (draft) => putSaved(draft, saved));
      void client.invalidateQueries({ queryKey: formalKeys.objections });
    },
  });
}

/** Gives one subject its own disposition of a request, or clears it (disposition null); 409s are the caller's. */
export function useSaveSubjectDisposition(auditId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      requestId,
      subjectId,
      ...body
    }: SubjectDispositionUpdate & { requestId: string; subjectId: string }) =>
      unwrap(
        api.PUT('/api/audits/{auditId}/response-draft/requests/{requestId}/subjects/{subjectId}', {
          params: { path: { auditId, requestId, subjectId } },
          body,
        }),
      ),
    onSuccess: (saved) =>
      client.setQueryData<ResponseDraft>(formalKeys.draft(auditId), (draft) => putSaved(draft, saved)),
  });
}

export function useSaveLetterFields(auditId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LetterUpdate) =>
      unwrap(api.PUT('/api/audits/{auditId}/response-draft/letter', { params: { path: { auditId } }, body })),
    onSuccess: (draft) => client.setQueryData(formalKeys.draft(auditId), draft),
  });
}

/** The latest saved draft, read past the cache (after a 409, to show the other version). */
export function useFetchDraft(auditId: string) {
  const client = useQueryClient();
  return () =>
    client.fetchQuery({
      queryKey: formalKeys.draft(auditId),
      queryFn: () => unwrap(api.GET('/api/audits/{auditId}/response-draft', { params: { path: { auditId } } })),
      staleTime: 0,
    });
}

/** The letter's URL, for download links and the in-page preview. */
export const responseLetterUrl = (auditId: string, format: 'pdf' | 'docx') =>
  `/api/audits/${auditId}/response-letter.${format}`;
