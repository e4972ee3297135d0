// Redactions: the pages of a PDF evidence version (sizes, and each page as an image) and the
// boxes counsel draw on them, burnt in when the version is produced.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RedactionReason } from '@app/domain/redactions';
import { api, unwrap } from '../client';
import { keys } from './keys';

// The redaction routes are built on another branch (redact-burn) and are not in schema.d.ts
// yet: until `npm run web:api-types` knows them, these calls go through the same client
// untyped, with the contract's shapes written out here. Replace with the generated types.
type Call = (
  path: string,
  init?: { params?: { path?: Record<string, unknown>; query?: Record<string, unknown> }; body?: unknown },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
const contract = api as unknown as Record<'GET' | 'POST' | 'PATCH' | 'DELETE', Call>;

export interface PdfPages {
  pageCount: number;
  /** Sizes in points, as displayed (rotation applied). */
  pages: { number: number; width: number; height: number }[];
}

export interface Redaction {
  id: string;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  reason: RedactionReason;
  note: string | null;
  createdAt: string;
  createdBy: { id: string; name: string; email: string } | null;
}

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
        contract.GET('/api/audits/{auditId}/evidence/{evidenceId}/versions/{number}/pages', {
          params: { path: { ...version } },
        }),
      ) as Promise<PdfPages>,
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
        contract.GET('/api/audits/{auditId}/evidence/{evidenceId}/versions/{number}/redactions', {
          params: { path: { ...version } },
        }),
      ) as Promise<{ items: Redaction[] }>,
    enabled,
  });
}

/** A box as the API takes it: fractions 0-1 of the displayed page, origin top left. */
export interface NewRedaction {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  reason: RedactionReason;
  note?: string;
}
export type RedactionChange = Partial<Omit<NewRedaction, 'page' | 'note'>> & { note?: string | null };

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
        contract.POST('/api/audits/{auditId}/evidence/{evidenceId}/versions/{number}/redactions', {
          params: { path: { ...version } },
          body,
        }),
      ) as Promise<Redaction>,
    onSuccess: done,
  });
}

export function useUpdateRedaction(version: VersionRef) {
  const done = useAfterRedactionChange(version);
  return useMutation({
    mutationFn: ({ redactionId, change }: { redactionId: string; change: RedactionChange }) =>
      unwrap(
        contract.PATCH('/api/audits/{auditId}/evidence/{evidenceId}/versions/{number}/redactions/{redactionId}', {
          params: { path: { ...version, redactionId } },
          body: change,
        }),
      ) as Promise<Redaction>,
    onSuccess: done,
  });
}

export function useRemoveRedaction(version: VersionRef) {
  const done = useAfterRedactionChange(version);
  return useMutation({
    mutationFn: (redactionId: string) =>
      unwrap(
        contract.DELETE('/api/audits/{auditId}/evidence/{evidenceId}/versions/{number}/redactions/{redactionId}', {
          params: { path: { ...version, redactionId } },
        }),
      ).then(() => undefined),
    onSuccess: done,
  });
}

/** Where the redaction screen of a version is. */
export const redactionPagePath = ({ auditId, evidenceId, number }: VersionRef) =>
  `/audits/${auditId}/evidence/${evidenceId}/versions/${number}/redactions`;
