// Releasing a produced volume to the other side: lead counsel's releases (made, listed on the
// volume through the production log, revoked), and the public page the recipient opens.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { keys } from './keys';
import { productionKeys } from './productions';

export type ProductionRelease = Schemas['ProductionReleaseDto'];
export type ReleaseDownload = Schemas['ReleaseDownloadDto'];
export type ReleaseState = Schemas['ReleaseState'];
export type NewRelease = Schemas['CreateReleaseDto'];

const releaseKeys = { public: (token: string) => ['release', token] as const };

/** The production log carries each volume's releases: it and the activity are read again. */
function useAfterReleaseChange(auditId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all(
      [productionKeys.list(auditId), keys.activity(auditId)].map((queryKey) => client.invalidateQueries({ queryKey })),
    );
}

export function useCreateRelease(auditId: string) {
  const done = useAfterReleaseChange(auditId);
  return useMutation({
    mutationFn: ({ productionId, ...body }: NewRelease & { productionId: string }) =>
      unwrap(
        api.POST('/api/audits/{auditId}/productions/{productionId}/releases', {
          params: { path: { auditId, productionId } },
          body,
        }),
      ),
    onSuccess: done,
  });
}

/** Sends a release whose emails did not go out again: a new release with a new link and code replaces it. */
export function useResendRelease(auditId: string) {
  const done = useAfterReleaseChange(auditId);
  return useMutation({
    mutationFn: ({ productionId, releaseId }: { productionId: string; releaseId: string }) =>
      unwrap(
        api.POST('/api/audits/{auditId}/productions/{productionId}/releases/{releaseId}/resend', {
          params: { path: { auditId, productionId, releaseId } },
        }),
      ),
    onSuccess: done,
  });
}

export function useRevokeRelease(auditId: string) {
  const done = useAfterReleaseChange(auditId);
  return useMutation({
    mutationFn: ({ productionId, releaseId }: { productionId: string; releaseId: string }) =>
      unwrap(
        api.POST('/api/audits/{auditId}/productions/{productionId}/releases/{releaseId}/revoke', {
          params: { path: { auditId, productionId, releaseId } },
        }),
      ),
    onSuccess: done,
  });
}

/** Public: the volume's name, who produced it and until when the link works. */
export function usePublicRelease(token: string) {
  return useQuery({
    queryKey: releaseKeys.public(token),
    queryFn: () => unwrap(api.GET('/api/releases/{token}', { params: { path: { token } } })),
    staleTime: Infinity,
    retry: false,
  });
}

/** Public: the code from the second email; a right one opens the download (a cookie scoped to the link). */
export function useEnterReleaseCode(token: string) {
  return useMutation({
    mutationFn: (code: string) =>
      unwrap(api.POST('/api/releases/{token}/code', { params: { path: { token } }, body: { code } })),
  });
}
