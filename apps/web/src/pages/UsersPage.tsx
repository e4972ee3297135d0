// Organisation admins: every user with their state and last login; create, deactivate or
// reactivate, change the organisation role, allow a member to open audits or stop them, send a
// password-reset email or a fresh invitation, each consequential step confirmed first.
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  PasswordInput,
  Radio,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { AdminUser, OrgRole, UserState } from '../api/client';
import { ADMIN_USERS_PAGE_SIZE, useAdminUsers, useCreateUser, useSendUserLink, useUpdateUser } from '../api/queries';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useCurrentUser } from '../components/layout';
import { Pages } from '../components/pagination';
import { ORG_ROLE_LABEL } from '../lib/status';
import { browserTimeZone, TimeZoneSelect } from '../components/TimeZoneSelect';
import { Empty, ErrorNotice, QueryState } from '../components/states';
import { RowActions } from '../components/TableCells';
import { formatInstant } from '../lib/dates';
import { plainFieldErrors } from '../lib/messages';

export const USER_STATE_LABEL: Record<UserState, string> = {
  ACTIVE: 'Active',
  INVITED: 'Invited',
  DEACTIVATED: 'Deactivated',
};
const STATE_COLOR: Record<UserState, string> = { ACTIVE: 'teal', INVITED: 'orange', DEACTIVATED: 'gray' };
// In lib/status beside the other labels: the activity log reads an organisation role too.
export { ORG_ROLE_LABEL };

type Pending = {
  user: AdminUser;
  action: 'deactivate' | 'reactivate' | 'reset' | 'resend' | 'make-admin' | 'make-member' | 'allow-open' | 'stop-open';
};

export function UsersPage() {
  const me = useCurrentUser();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [state, setState] = useState<UserState | null>(null);
  const [page, setPage] = useState(1);
  const users = useAdminUsers({ search: debounced || undefined, state: state ?? undefined, page });
  const update = useUpdateUser();
  const reset = useSendUserLink();
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);

  const close = () => {
    setPending(null);
    update.reset();
    reset.reset();
  };
  const confirm = () => {
    if (!pending) return;
    const { user, action } = pending;
    if (action === 'reset' || action === 'resend')
      reset.mutate(
        { userId: user.id, link: action },
        {
          onSuccess: (sent) => {
            notifications.show(
              sent.mailSent
                ? {
                    color: 'teal',
                    title: action === 'reset' ? 'Password reset sent' : 'Invitation sent again',
                    message:
                      action === 'reset'
                        ? `${user.email} has a link to set a new password, valid until ${formatInstant(sent.expiresAt, me.timeZone)}.`
                        : `${user.email} has a new invitation, valid until ${formatInstant(sent.expiresAt, me.timeZone)}. The earlier link no longer works.`,
                  }
                : {
                    color: 'orange',
                    title: 'The email did not go out',
                    message: 'The mail server did not take it. Try again later.',
                  },
            );
            setPending(null);
          },
        },
      );
    else if (action === 'allow-open' || action === 'stop-open')
      update.mutate(
        { userId: user.id, canOpenAudits: action === 'allow-open' },
        {
          onSuccess: (saved) => {
            notifications.show({
              color: 'teal',
              title: saved.canOpenAudits ? 'Allowed to open audits' : 'No longer opens audits',
              message: saved.canOpenAudits
                ? `${saved.name} can now open new audits.`
                : `${saved.name} can no longer open new audits. The audits they are in stay as they are.`,
            });
            setPending(null);
          },
        },
      );
    else if (action === 'make-admin' || action === 'make-member')
      update.mutate(
        { userId: user.id, orgRole: action === 'make-admin' ? 'ADMIN' : 'MEMBER' },
        {
          onSuccess: (saved) => {
            notifications.show({
              color: 'teal',
              title: 'Role changed',
              message: `${saved.name} is now ${ORG_ROLE_LABEL[saved.orgRole].toLowerCase()} of the organisation.`,
            });
            setPending(null);
          },
        },
      );
    else
      update.mutate(
        { userId: user.id, active: action === 'reactivate' },
        {
          onSuccess: (saved) => {
            notifications.show({
              color: 'teal',
              title: action === 'reactivate' ? 'User reactivated' : 'User deactivated',
              message: `${saved.name} is now ${USER_STATE_LABEL[saved.state].toLowerCase()}.`,
            });
            setPending(null);
          },
        },
      );
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Users
        </Title>
        <Button onClick={() => setCreating(true)}>New user</Button>
      </Group>
      <Card withBorder padding="lg" radius="md" component="section" aria-label="Users of the organisation">
        <Group mb="sm" align="flex-end">
          <TextInput
            label="Search"
            placeholder="Part of a name or email"
            value={search}
            onChange={(event) => {
              setSearch(event.currentTarget.value);
              setPage(1);
            }}
          />
          <Select
            label="State"
            placeholder="Any state"
            clearable
            data={(Object.keys(USER_STATE_LABEL) as UserState[]).map((s) => ({ value: s, label: USER_STATE_LABEL[s] }))}
            value={state}
            onChange={(value) => {
              setState(value);
              setPage(1);
            }}
          />
        </Group>
        <QueryState query={users} label="Loading users…">
          {(result) =>
            result.items.length === 0 ? (
              <Empty title="No users match" />
            ) : (
              <Stack>
                <Table.ScrollContainer minWidth={760}>
                  <Table aria-label="Users" verticalSpacing="xs">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Name</Table.Th>
                        <Table.Th>Role</Table.Th>
                        <Table.Th>Opens audits</Table.Th>
                        <Table.Th>State</Table.Th>
                        <Table.Th>Last login</Table.Th>
                        <Table.Th>
                          <VisuallyHidden>Actions</VisuallyHidden>
                        </Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {result.items.map((u) => (
                        <Table.Tr key={u.id}>
                          <Table.Td>
                            <Text size="sm" fw={500}>
                              {u.name}
                              {u.id === me.id && ' (you)'}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {u.email} · {u.timeZone}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{ORG_ROLE_LABEL[u.orgRole]}</Text>
                          </Table.Td>
                          <Table.Td>
                            {u.orgRole === 'ADMIN' ? (
                              <Text size="sm">Yes, as an admin</Text>
                            ) : (
                              <Group gap={6} wrap="nowrap">
                                <Text size="sm">{u.canOpenAudits ? 'Yes' : 'No'}</Text>
                                {u.state !== 'DEACTIVATED' && (
                                  <Button
                                    size="compact-xs"
                                    variant="subtle"
                                    aria-label={
                                      u.canOpenAudits
                                        ? `Stop ${u.name} opening audits`
                                        : `Allow ${u.name} to open audits`
                                    }
                                    onClick={() =>
                                      setPending({ user: u, action: u.canOpenAudits ? 'stop-open' : 'allow-open' })
                                    }
                                  >
                                    {u.canOpenAudits ? 'Stop' : 'Allow'}
                                  </Button>
                                )}
                              </Group>
                            )}
                          </Table.Td>
                          <Table.Td>
                            <Badge variant="light" color={STATE_COLOR[u.state]}>
                              {USER_STATE_LABEL[u.state]}
                            </Badge>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{u.lastLoginAt ? formatInstant(u.lastLoginAt, me.timeZone) : 'Never'}</Text>
                          </Table.Td>
                          <Table.Td>
                            <RowActions
                              actions={[
                                u.state === 'ACTIVE' && {
                                  label: 'Reset password',
                                  ariaLabel: `Reset the password of ${u.name}`,
                                  variant: 'default',
                                  onClick: () => setPending({ user: u, action: 'reset' }),
                                },
                                u.state === 'INVITED' && {
                                  label: 'Resend invitation',
                                  ariaLabel: `Resend the invitation of ${u.name}`,
                                  variant: 'default',
                                  onClick: () => setPending({ user: u, action: 'resend' }),
                                },
                                u.id !== me.id &&
                                  u.state !== 'DEACTIVATED' && {
                                    label: u.orgRole === 'ADMIN' ? 'Make member' : 'Make admin',
                                    ariaLabel:
                                      u.orgRole === 'ADMIN' ? `Make ${u.name} a member` : `Make ${u.name} an admin`,
                                    variant: 'default',
                                    onClick: () =>
                                      setPending({
                                        user: u,
                                        action: u.orgRole === 'ADMIN' ? 'make-member' : 'make-admin',
                                      }),
                                  },
                                u.id !== me.id &&
                                  (u.state === 'DEACTIVATED'
                                    ? {
                                        label: 'Reactivate',
                                        ariaLabel: `Reactivate ${u.name}`,
                                        onClick: () => setPending({ user: u, action: 'reactivate' }),
                                      }
                                    : {
                                        label: 'Deactivate',
                                        ariaLabel: `Deactivate ${u.name}`,
                                        danger: true,
                                        onClick: () => setPending({ user: u, action: 'deactivate' }),
                                      }),
                              ]}
                            />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                {result.total > ADMIN_USERS_PAGE_SIZE && (
                  <Pages
                    label="Pages of users"
                    total={Math.ceil(result.total / ADMIN_USERS_PAGE_SIZE)}
                    value={page}
                    onChange={setPage}
                  />
                )}
              </Stack>
            )
          }
        </QueryState>
      </Card>
      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title="New user"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {creating && <CreateUserForm onDone={() => setCreating(false)} />}
      </Modal>
      {pending && (
        <ConfirmDialog
          opened
          {...CONFIRM[pending.action](pending.user)}
          pending={update.isPending || reset.isPending}
          error={update.error ?? reset.error}
          onConfirm={confirm}
          onClose={close}
        />
      )}
    </Stack>
  );
}

const CONFIRM: Record<
  Pending['action'],
  (user: AdminUser) => { title: string; confirmLabel: string; color?: string; children: string; errorTitle: string }
> = {
  deactivate: (u) => ({
    title: `Deactivate ${u.name}?`,
    confirmLabel: 'Deactivate',
    color: 'red',
    errorTitle: 'Not deactivated',
    children:
      'They are logged out at once and can no longer log in; their API tokens and calendar feed stop working. Their work and history stay, and you can reactivate them later.',
  }),
  reactivate: (u) => ({
    title: `Reactivate ${u.name}?`,
    confirmLabel: 'Reactivate',
    errorTitle: 'Not reactivated',
    children: 'They can log in again with their password and see the audits they are a member of.',
  }),
  reset: (u) => ({
    title: `Reset the password of ${u.name}?`,
    confirmLabel: 'Send reset email',
    errorTitle: 'No email was sent',
    children: `${u.email} is emailed a link, valid 24 hours, to choose a new password. Their current password works until they do.`,
  }),
  resend: (u) => ({
    title: `Send ${u.name} a new invitation?`,
    confirmLabel: 'Send invitation',
    errorTitle: 'No email was sent',
    children: `${u.email} is emailed a new link, valid 7 days, to set up their account. The link they have now stops working.`,
  }),
  'allow-open': (u) => ({
    title: `Allow ${u.name} to open audits?`,
    confirmLabel: 'Allow',
    errorTitle: 'Nothing was changed',
    children:
      'They can open a new audit when a demand arrives (or copy one they lead), and become its lead counsel. As counsel they can also see the list of users to staff it.',
  }),
  'stop-open': (u) => ({
    title: `Stop ${u.name} opening audits?`,
    confirmLabel: 'Stop',
    color: 'red',
    errorTitle: 'Nothing was changed',
    children:
      'They can no longer open new audits. The audits they are already in, and their role in each, stay as they are.',
  }),
  'make-admin': (u) => ({
    title: `Make ${u.name} an admin?`,
    confirmLabel: 'Make admin',
    errorTitle: 'The role was not changed',
    children:
      'Admins manage every user of the organisation (create, deactivate, reset passwords, change roles) and act as lead counsel of every audit.',
  }),
  'make-member': (u) => ({
    title: `Make ${u.name} a member?`,
    confirmLabel: 'Make member',
    errorTitle: 'The role was not changed',
    children: 'They can no longer manage users. In audits they keep the role each audit gives them.',
  }),
};

function CreateUserForm({ onDone }: { onDone: () => void }) {
  const create = useCreateUser();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [orgRole, setOrgRole] = useState<OrgRole>('MEMBER');
  const [canOpenAudits, setCanOpenAudits] = useState(false);
  const [how, setHow] = useState<'invite' | 'password'>('invite');
  const [timeZone, setTimeZone] = useState<string | null>(browserTimeZone());
  const [temporaryPassword, setPassword] = useState('');
  const errors = plainFieldErrors(create.error);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate(
          {
            email: email.trim(),
            name: name.trim(),
            orgRole,
            ...(orgRole === 'MEMBER' && canOpenAudits && { canOpenAudits }),
            ...(how === 'password' && { temporaryPassword, ...(timeZone && { timeZone }) }),
          },
          {
            onSuccess: (user) => {
              notifications.show(
                user.invitation && !user.invitation.mailSent
                  ? {
                      color: 'orange',
                      title: 'User created, but the email did not go out',
                      message: `${user.email} is listed as invited, but the mail server did not take the invitation.`,
                    }
                  : {
                      color: 'teal',
                      title: 'User created',
                      message: user.invitation
                        ? `${user.email} has been emailed an invitation.`
                        : `${user.name} can log in with the temporary password.`,
                    },
              );
              onDone();
            },
          },
        );
      }}
    >
      <Stack>
        {create.error && Object.keys(errors).length === 0 && <ErrorNotice error={create.error} title="Not created" />}
        <TextInput
          label="Email"
          type="email"
          required
          data-autofocus
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={errors.email}
        />
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
        />
        <Select
          label="Organisation role"
          description="Admins manage users; audit roles are given in each audit"
          required
          allowDeselect={false}
          data={[
            { value: 'MEMBER', label: ORG_ROLE_LABEL.MEMBER },
            { value: 'ADMIN', label: ORG_ROLE_LABEL.ADMIN },
          ]}
          value={orgRole}
          onChange={(value) => value && setOrgRole(value)}
          error={errors.orgRole}
        />
        {orgRole === 'MEMBER' && (
          <Checkbox
            label="May open new audits"
            description="Admins always may; otherwise members work in the audits counsel add them to"
            checked={canOpenAudits}
            onChange={(event) => setCanOpenAudits(event.currentTarget.checked)}
            error={errors.canOpenAudits}
          />
        )}
        <Radio.Group label="How they get in" value={how} onChange={(value) => setHow(value)}>
          <Stack gap="xs" mt="xs">
            <Radio value="invite" label="Email them an invitation to choose their own password (7 days)" />
            <Radio value="password" label="Set a temporary password that I hand over myself" />
          </Stack>
        </Radio.Group>
        {how === 'password' && (
          <>
            <PasswordInput
              label="Temporary password"
              description="At least 10 characters"
              required
              autoComplete="new-password"
              value={temporaryPassword}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={errors.temporaryPassword}
            />
            <TimeZoneSelect value={timeZone} onChange={setTimeZone} error={errors.timeZone} />
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            {how === 'invite' ? 'Create and invite' : 'Create user'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
