// People: inviting to an audit, accepting an invitation, the organisation's users (admins),
// one's own profile, password and calendar feed, and password-reset links.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type AuditRole, type Schemas } from '../client';
import { featureKeys, keys, peopleKeys, setupKeys } from './keys';

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

/** Lead counsel invite several people at once, all or none (a refused person is named by place). */
export function useInviteMembers(auditId: string) {
  const done = useAfterMembershipChange(auditId);
  return useMutation({
    mutationFn: (people: { email: string; name?: string; role: AuditRole }[]) =>
      unwrap(api.POST('/api/audits/{auditId}/invitations/batch', { params: { path: { auditId } }, body: { people } })),
    onSuccess: done,
  });
}

/** Emails a fresh link to a member who has not accepted; the old link stops working. */
export function useResendInvitation(auditId: string) {
  const done = useAfterMembershipChange(auditId);
  return useMutation({
    mutationFn: (userId: string) =>
      unwrap(
        api.POST('/api/audits/{auditId}/members/{userId}/resend-invitation', {
          params: { path: { auditId, userId } },
        }),
      ),
    onSuccess: done,
  });
}

/** The public invitation page's facts: who invited whom to what, until when. */
export function useInvitation(token: string) {
  return useQuery({
    queryKey: peopleKeys.invitation(token),
    queryFn: () => unwrap(api.GET('/api/invitations/{token}', { params: { path: { token } } })),
    staleTime: Infinity,
  });
}

/** Accepting logs the person in (the API sets the session cookie), as logging in does. */
export function useAcceptInvitation(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['AcceptInvitationDto']) =>
      unwrap(api.POST('/api/invitations/{token}/accept', { params: { path: { token } }, body })),
    onSuccess: (user) => {
      client.clear();
      client.setQueryData(keys.me, user);
    },
  });
}

export function usePasswordReset(token: string) {
  return useQuery({
    queryKey: peopleKeys.passwordReset(token),
    queryFn: () => unwrap(api.GET('/api/password-resets/{token}', { params: { path: { token } } })),
    staleTime: Infinity,
  });
}

export function useCompletePasswordReset(token: string) {
  return useMutation({
    mutationFn: (body: Schemas['SetNewPasswordDto']) =>
      unwrap(api.POST('/api/password-resets/{token}', { params: { path: { token } }, body })),
  });
}

export interface AdminUserFilters {
  search?: string;
  state?: Schemas['UserState'];
  page: number;
}

export const ADMIN_USERS_PAGE_SIZE = 50;

export function useAdminUsers(filters: AdminUserFilters) {
  return useQuery({
    queryKey: peopleKeys.adminUsers(filters),
    queryFn: () =>
      unwrap(
        api.GET('/api/admin/users', {
          params: {
            query: {
              page: filters.page,
              pageSize: ADMIN_USERS_PAGE_SIZE,
              ...(filters.search && { search: filters.search }),
              ...(filters.state && { state: filters.state }),
            },
          },
        }),
      ),
    placeholderData: (previous) => previous,
  });
}

/** A change to users shows in the admin list and in the "add a member" picker. */
function useAfterUserChange() {
  const client = useQueryClient();
  return () =>
    Promise.all([peopleKeys.adminUsers(), setupKeys.users].map((queryKey) => client.invalidateQueries({ queryKey })));
}

export function useCreateUser() {
  const done = useAfterUserChange();
  return useMutation({
    mutationFn: (body: Schemas['CreateAdminUserDto']) => unwrap(api.POST('/api/admin/users', { body })),
    onSuccess: done,
  });
}

export function useUpdateUser() {
  const done = useAfterUserChange();
  return useMutation({
    mutationFn: ({ userId, ...body }: Schemas['UpdateAdminUserDto'] & { userId: string }) =>
      unwrap(api.PATCH('/api/admin/users/{userId}', { params: { path: { userId } }, body })),
    onSuccess: done,
  });
}

/** Emails a user a one-time link: a password reset (active users) or a fresh invitation (invited ones). */
export function useSendUserLink() {
  return useMutation({
    mutationFn: ({ userId, link }: { userId: string; link: 'reset' | 'resend' }) =>
      unwrap(
        link === 'reset'
          ? api.POST('/api/admin/users/{userId}/reset-password', { params: { path: { userId } } })
          : api.POST('/api/admin/users/{userId}/resend-invitation', { params: { path: { userId } } }),
      ),
  });
}

export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['UpdateProfileDto']) => unwrap(api.PATCH('/api/auth/me', { body })),
    // Every screen reads times in the user's zone: they all read it again.
    onSuccess: (user) => {
      client.setQueryData(keys.me, user);
      void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== keys.me[0] });
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: Schemas['ChangePasswordDto']) => unwrap(api.POST('/api/auth/me/password', { body })),
  });
}

/** Whether the user has a calendar feed URL (the URL itself is shown only when made). */
export function useCalendarFeed() {
  return useQuery({ queryKey: peopleKeys.calendarFeed, queryFn: () => unwrap(api.GET('/api/calendar/feed')) });
}

/** Makes a new secret calendar feed URL; any earlier one stops working. */
export function useNewCalendarFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/calendar/feed')),
    onSuccess: () => client.setQueryData(peopleKeys.calendarFeed, { exists: true }),
  });
}
