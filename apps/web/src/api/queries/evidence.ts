// Evidence of a response.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { featureKeys } from './keys';

/** Where a version's bytes are downloaded (the API records each download in the record's custody). */
export const evidenceContentUrl = (auditId: string, evidenceId: string, version: number) =>
  `/api/audits/${auditId}/evidence/${evidenceId}/versions/${version}/content`;

export function useResponseEvidence(auditId: string, responseId: string) {
  return useQuery({
    queryKey: featureKeys.evidence(auditId, responseId),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/responses/{responseId}/evidence', {
          params: { path: { auditId, responseId }, query: { page: 1, pageSize: 200 } },
        }),
      ),
  });
}

export function useVerifyEvidence(auditId: string, responseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ evidenceId, number }: { evidenceId: string; number: number }) =>
      unwrap(
        api.POST('/api/audits/{auditId}/evidence/{evidenceId}/versions/{number}/verify', {
          params: { path: { auditId, evidenceId, number } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: featureKeys.evidence(auditId, responseId) }),
  });
}

/** Every version of an evidence record, newest first (its history dialog: read when opened). */
export function useEvidenceVersions(auditId: string, evidenceId: string, enabled: boolean) {
  return useQuery({
    queryKey: featureKeys.evidenceVersions(auditId, evidenceId),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/evidence/{evidenceId}/versions', { params: { path: { auditId, evidenceId } } }),
      ),
    enabled,
  });
}

/**
 * The record's chain of custody: who uploaded, added a version, downloaded, verified, linked or
 * redacted it, and when (the audit's history of that record, newest first; the last 100).
 */
export function useEvidenceCustody(auditId: string, evidenceId: string, enabled: boolean) {
  return useQuery({
    queryKey: featureKeys.evidenceCustody(auditId, evidenceId),
    queryFn: () =>
      unwrap(
        api.GET('/api/audits/{auditId}/activity', {
          params: {
            path: { auditId },
            query: { entityType: 'evidence', entityId: evidenceId, page: 1, pageSize: 100 },
          },
        }),
      ),
    enabled,
  });
}
