// Redactions: the pages of a PDF evidence version (sizes, and each page as an image) and the
// boxes counsel draw on them, burnt in when the version is produced.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { keys } from './keys';

export type Redaction = Schemas['RedactionDto'];
export type PdfPages = Schemas['PdfPagesDto'];
/** A box as the API takes it: fractions 0-1 of the displayed page, origin top left. */
export type NewRedaction = Schemas['CreateRedactionDto'];
export type RedactionChange = Schemas['UpdateRedactionDto'];

/** A version of an evidence record: the route parameters every redaction route takes. */
export interface VersionRef {
  auditId: string;
  evidenceId: string;
  number: number;
}

export const redactionKeys = {
  evidence: (auditId: string, evidenceId: string) => ['audit', auditId, 'evidence', evidenceId] as const,
  pages: ({ auditId, evidenceId, number }: VersionRef) =>
    ['audit', auditId, 'evidence', evidenceId, 'versions', number, 'pages'] as const,
  list: ({ auditId, evidenceId, number }: VersionRef) =>
    ['audit', auditId, 'evidence', evidenceId, 'versions', number, 'redactions'] as const,
};

/** One evidence record (its title, its current version). */
export function useEvidenceRecord(auditId: string, evidenceId: string) {
  return useQuery({
    queryKey: redactionKeys.evidence(auditId, evidenceId),
    queryFn: () =>
      unwrap(api.GET('/api/audits/{auditId}/evidence/{evidenceId}', { params: { path: { auditId, evidenceId } } })),
  });
}

/** The version's pages in points, as displayed; a 409/422 when it is not a PDF that can be read. */
export function usePdfPages(version: VersionRef) {
  return useQuery({
    queryKey: redactionKeys.pages(version),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/evidence/{evidenceId}/versions/{number}/pages', {
          params: { path: version },
        }),
      ),
    // A page count does not change: the version's bytes never do.
    staleTime: Infinity,
  });
}

/** A page as a PNG `width` pixels wide (the API takes 200-2000), for an <img src>. */
export const pageImageUrl = ({ auditId, evidenceId, number }: VersionRef, page: number, width: number) =>
  `/api/audits/${auditId}/evidence/${evidenceId}/versions/${number}/pages/${page}/image?width=${width}`;

export function useRedactions(version: VersionRef, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: redactionKeys.list(version),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/evidence/{evidenceId}/versions/{number}/redactions', {
          params: { path: version },
        }),
      ),
    enabled,
  });
}

function useAfterRedactionChange(version: VersionRef) {
  const client = useQueryClient();
  return () =>
    Promise.all(
      [redactionKeys.list(version), keys.activity(version.auditId)].map((queryKey) =>
        client.invalidateQueries({ queryKey }),
      ),
    );
}

export function useAddRedaction(version: VersionRef) {
  const done = useAfterRedactionChange(version);
  return useMutation({
    mutationFn: (body: NewRedaction) =>
      unwrap(
        api.POST('/api/audits/{auditId}/evidence/{evidenceId}/versions/{number}/redactions', {
          params: { path: version },
          body,
        }),
      ),
    onSuccess: done,
  });
}

export function useUpdateRedaction(version: VersionRef) {
  const done = useAfterRedactionChange(version);
  return useMutation({
    mutationFn: ({ redactionId, change }: { redactionId: string; change: RedactionChange }) =>
      unwrap(
        api.PATCH('/api/audits/{auditId}/evidence/{evidenceId}/versions/{number}/redactions/{redactionId}', {
          params: { path: { ...version, redactionId } },
          body: change,
        }),
      ),
    onSuccess: done,
  });
}

export function useRemoveRedaction(version: VersionRef) {
  const done = useAfterRedactionChange(version);
  return useMutation({
    mutationFn: (redactionId: string) =>
      unwrap(
        api.DELETE('/api/audits/{auditId}/evidence/{evidenceId}/versions/{number}/redactions/{redactionId}', {
          params: { path: { ...version, redactionId } },
        }),
      ),
    onSuccess: done,
  });
}

/** Where the redaction screen of a version is. */
export const redactionPagePath = ({ auditId, evidenceId, number }: VersionRef) =>
  `/audits/${auditId}/evidence/${evidenceId}/versions/${number}/redactions`;
