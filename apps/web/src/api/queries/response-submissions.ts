// Submitted versions of the formal response: the list (with each version's diff), the
// checklist before submitting, submitting, and checking a stored package.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { uploadCertificationScan, type CertificationScanUpload } from '../upload';
import { keys } from './keys';

export type ResponseSubmission = Schemas['ResponseSubmissionDto'];
export type SubmittedRequestChange = Schemas['SubmittedRequestChangeDto'];
export type SubmissionChecklist = Schemas['SubmissionChecklistDto'];
export type SubmissionVerification = Schemas['SubmissionVerificationDto'];
export type SubmissionCertification = Schemas['SubmissionCertificationDto'];
export type CertifySubmission = Schemas['CertifySubmissionDto'];

export const submissionKeys = {
  list: (auditId: string) => ['audit', auditId, 'response-submissions'] as const,
  checklist: (auditId: string) => ['audit', auditId, 'response-submissions', 'checklist'] as const,
};

export function useResponseSubmissions(auditId: string) {
  return useQuery({
    queryKey: submissionKeys.list(auditId),
    queryFn: () => unwrap(api.GET('/api/audits/{auditId}/response-submissions', { params: { path: { auditId } } })),
  });
}

export function useSubmissionChecklist(auditId: string, enabled = true) {
  return useQuery({
    queryKey: submissionKeys.checklist(auditId),
    queryFn: () =>
      unwrap(api.GET('/api/audits/{auditId}/response-submissions/checklist', { params: { path: { auditId } } })),
    enabled,
    staleTime: 0,
  });
}

/** Submits the next version; the audit moves to SUBMITTED, so it is read again. */
export function useSubmitResponse(auditId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (note: string | null) =>
      unwrap(
        api.POST('/api/audits/{auditId}/response-submissions', {
          params: { path: { auditId } },
          body: note ? { note } : {},
        }),
      ),
    onSuccess: () =>
      Promise.all(
        [submissionKeys.list(auditId), keys.audit(auditId), keys.audits, keys.activity(auditId)].map((queryKey) =>
          client.invalidateQueries({ queryKey }),
        ),
      ),
  });
}

export function useVerifySubmission(auditId: string) {
  return useMutation({
    mutationFn: (version: number) =>
      unwrap(
        api.GET('/api/audits/{auditId}/response-submissions/{version}/verification', {
          params: { path: { auditId, version } },
        }),
      ),
  });
}

function useAfterCertification(auditId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all(
      [submissionKeys.list(auditId), keys.activity(auditId)].map((queryKey) => client.invalidateQueries({ queryKey })),
    );
}

/** Certifies a version electronically: the signer's name, title, entity and their password again. */
export function useCertifySubmission(auditId: string) {
  const done = useAfterCertification(auditId);
  return useMutation({
    mutationFn: ({ version, ...body }: CertifySubmission & { version: number }) =>
      unwrap(
        api.POST('/api/audits/{auditId}/response-submissions/{version}/certification', {
          params: { path: { auditId, version } },
          body,
        }),
      ),
    onSuccess: done,
  });
}

/** Certifies a version with a scan of the certificate signed by hand. */
export function useUploadCertificationScan(auditId: string) {
  const done = useAfterCertification(auditId);
  return useMutation({
    mutationFn: (upload: Omit<CertificationScanUpload, 'auditId'>) => uploadCertificationScan({ ...upload, auditId }),
    onSuccess: done,
  });
}
