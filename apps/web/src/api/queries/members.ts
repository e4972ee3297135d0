// The people of an audit, and the users who may be added to it.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type AuditRole } from '../client';
import { featureKeys, keys, setupKeys } from './keys';
import { everyPage } from './every-page';

export const membersQuery = (auditId: string) =>
  queryOptions({
    queryKey: keys.members(auditId),
    queryFn: () =>
      everyPage((page, pageSize) =>
        unwrap(api.GET('/api/audits/{auditId}/members', { params: { path: { auditId }, query: { page, pageSize } } })),
      ),
  });

export function useMembers(auditId: string) {
  return useQuery(membersQuery(auditId));
}

/** Active users, for the "add a member" picker. */
export function useUsers() {
  return useQuery({
    queryKey: setupKeys.users,
    queryFn: () =>
      everyPage((page, pageSize) => unwrap(api.GET('/api/users', { params: { query: { page, pageSize } } }))),
  });
}

/** Membership decides who sees the audit and who is reminded of what. */
function useAfterMembershipChange(auditId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all(
      [keys.members(auditId), keys.activity(auditId), featureKeys.reminders(auditId)].map((queryKey) =>
        client.invalidateQueries({ queryKey }),
      ),
    );
}

export function useAddMember(auditId: string) {
  const done = useAfterMembershipChange(auditId);
  return useMutation({
    mutationFn: (body: { userId: string; role: AuditRole }) =>
      unwrap(api.POST('/api/audits/{auditId}/members', { params: { path: { auditId } }, body })),
    onSuccess: done,
  });
}

export function useChangeMemberRole(auditId: string) {
  const done = useAfterMembershipChange(auditId);
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: AuditRole }) =>
      unwrap(
        api.PATCH('/api/audits/{auditId}/members/{userId}', { params: { path: { auditId, userId } }, body: { role } }),
      ),
    onSuccess: done,
  });
}

/** Gives or withdraws the signer role (who certifies the submitted response); lead counsel only. */
export function useSetSigner(auditId: string) {
  const client = useQueryClient();
  const done = useAfterMembershipChange(auditId);
  return useMutation({
    mutationFn: ({ userId, canCertify }: { userId: string; canCertify: boolean }) =>
      unwrap(
        api.PATCH('/api/audits/{auditId}/members/{userId}', {
          params: { path: { auditId, userId } },
          body: { canCertify },
        }),
      ),
    onSuccess: () =>
      Promise.all([done(), client.invalidateQueries({ queryKey: ['audit', auditId, 'response-submissions'] })]),
  });
}

export function useRemoveMember(auditId: string) {
  const done = useAfterMembershipChange(auditId);
  return useMutation({
    mutationFn: (userId: string) =>
      unwrap(api.DELETE('/api/audits/{auditId}/members/{userId}', { params: { path: { auditId, userId } } })),
    onSuccess: done,
  });
}
