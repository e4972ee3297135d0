import { Badge, Button, Card, Group, Modal, Select, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { AuditRole, Member } from '../api/client';
import {
  useAddMember,
  useChangeMemberRole,
  useMembers,
  useRemoveMember,
  useResendInvitation,
  useSetSigner,
  useUsers,
} from '../api/queries';
import { formatInstant, timeZoneLabel } from '../lib/dates';
import { plainFieldErrors } from '../lib/messages';
import { ROLE_LABEL, ROLE_MEANING, ROLE_OPTIONS } from '../lib/status';
import { ConfirmDialog } from './ConfirmDialog';
import { DefaultReviewerSelect } from './DefaultReviewerSelect';
import { InviteForm } from './InviteForm';
import { RoleSelect } from './RoleSelect';
import { useCurrentAudit, useCurrentUser } from './layout';
import { Empty, ErrorNotice, QueryState } from './states';
import { RowActions } from './TableCells';

/**
 * The audit's members; lead counsel add people, invite them by email, resend or withdraw an
 * invitation not yet accepted, change roles and remove members.
 */
export function MembersCard() {
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const members = useMembers(audit.id);
  const changeRole = useChangeMemberRole(audit.id);
  const remove = useRemoveMember(audit.id);
  const resend = useResendInvitation(audit.id);
  const lead = audit.myRole === 'LEAD_COUNSEL';
  const [adding, setAdding] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [changing, setChanging] = useState<{ member: Member; role: AuditRole } | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const setSigner = useSetSigner(audit.id);
  const [signing, setSigning] = useState<Member | null>(null);

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="members-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="members-heading">
          Members
        </Title>
        {lead && (
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => setInviting(true)}>
              Invite by email
            </Button>
            <Button size="xs" onClick={() => setAdding(true)}>
              Add member
            </Button>
          </Group>
        )}
      </Group>
      {resend.error && <ErrorNotice error={resend.error} title="The invitation was not sent again" />}
      <QueryState query={members}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="No members" />
          ) : (
            // On the overview the card is half the page wide: narrower than its columns, the
            // table scrolls sideways rather than cutting off the row's last button.
            <Table.ScrollContainer minWidth={lead ? 560 : 420}>
              <Table aria-labelledby="members-heading">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Role</Table.Th>
                    <Table.Th>Time zone</Table.Th>
                    {lead && (
                      <Table.Th>
                        <VisuallyHidden>Changes</VisuallyHidden>
                      </Table.Th>
                    )}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.items.map((m) => (
                    <Table.Tr key={m.userId}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {m.name}
                          {m.userId === me.id && ' (you)'}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {m.email}
                        </Text>
                        {m.state === 'INVITED' && (
                          <Badge size="xs" variant="light" color="orange" mt={2}>
                            Invitation not accepted yet
                          </Badge>
                        )}
                        {m.state === 'DEACTIVATED' && (
                          <Badge size="xs" variant="light" color="gray" mt={2}>
                            Account deactivated
                          </Badge>
                        )}
                        {m.canCertify && (
                          <Badge size="xs" variant="light" color="teal" mt={2} ml={4}>
                            Signer: certifies the response
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {lead ? (
                          <Select
                            aria-label={`Role of ${m.name}`}
                            size="xs"
                            w={150}
                            data={ROLE_OPTIONS}
                            value={m.role}
                            allowDeselect={false}
                            disabled={changeRole.isPending}
                            onChange={(role) => {
                              if (role && role !== m.role) setChanging({ member: m, role });
                            }}
                          />
                        ) : (
                          <Badge variant="light" color={m.role === 'VIEWER' ? 'gray' : 'indigo'}>
                            {ROLE_LABEL[m.role]}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {/* As the app names zones ("America/New York"), on one line: a narrow card
                            scrolls the table sideways rather than split a zone's name. */}
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {timeZoneLabel(m.timeZone)}
                        </Text>
                      </Table.Td>
                      {lead && (
                        <Table.Td>
                          <RowActions
                            actions={[
                              m.state === 'INVITED' && {
                                label: 'Resend',
                                ariaLabel: `Resend the invitation to ${m.email}`,
                                variant: 'default',
                                loading: resend.isPending && resend.variables === m.userId,
                                onClick: () =>
                                  resend.mutate(m.userId, {
                                    onSuccess: (sent) =>
                                      sent.mailSent
                                        ? notifications.show({
                                            color: 'teal',
                                            title: 'Invitation sent again',
                                            message: `${m.email} has a new link, valid until ${formatInstant(sent.expiresAt, me.timeZone)}. The earlier link no longer works.`,
                                          })
                                        : notifications.show({
                                            color: 'orange',
                                            title: 'The email did not go out',
                                            message: 'The mail server did not take it. Try again later.',
                                          }),
                                  }),
                              },
                              m.state !== 'INVITED' && {
                                label: m.canCertify ? 'Withdraw signer role' : 'Make signer',
                                ariaLabel: m.canCertify ? `Withdraw signer role: ${m.name}` : `Make signer: ${m.name}`,
                                variant: 'default',
                                onClick: () => setSigning(m),
                              },
                              {
                                label: m.state === 'INVITED' ? 'Withdraw' : 'Remove',
                                ariaLabel:
                                  m.state === 'INVITED' ? `Withdraw the invitation to ${m.email}` : `Remove ${m.name}`,
                                danger: true,
                                onClick: () => setRemoving(m),
                              },
                            ]}
                          />
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      {members.data && <DefaultReviewerSelect members={members.data.items} />}
      <Modal
        opened={adding}
        onClose={() => setAdding(false)}
        title="Add a member"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {adding && (
          <AddMemberForm memberIds={members.data?.items.map((m) => m.userId) ?? []} onDone={() => setAdding(false)} />
        )}
      </Modal>
      <Modal
        opened={inviting}
        onClose={() => setInviting(false)}
        title="Invite by email"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {inviting && <InviteForm onDone={() => setInviting(false)} />}
      </Modal>
      <ConfirmDialog
        opened={changing !== null}
        title={`Make ${changing?.member.name ?? ''} ${changing ? ROLE_LABEL[changing.role].toLowerCase() : ''}?`}
        confirmLabel="Change role"
        pending={changeRole.isPending}
        error={changeRole.error}
        errorTitle="The role did not change"
        onClose={() => {
          setChanging(null);
          changeRole.reset();
        }}
        onConfirm={() => {
          const { member, role } = changing!;
          changeRole.mutate(
            { userId: member.userId, role },
            {
              onSuccess: () => {
                notifications.show({
                  color: 'teal',
                  title: 'Role changed',
                  message: `${member.name} is now ${ROLE_LABEL[role].toLowerCase()}.`,
                });
                setChanging(null);
              },
            },
          );
        }}
      >
        {changing &&
          `${ROLE_LABEL[changing.member.role]} now; as ${ROLE_LABEL[changing.role].toLowerCase()}: ${ROLE_MEANING[changing.role].toLowerCase()}. Their reminders are planned again.`}
      </ConfirmDialog>
      <ConfirmDialog
        opened={removing !== null}
        title={
          removing?.state === 'INVITED'
            ? `Withdraw the invitation to ${removing.email}?`
            : `Remove ${removing?.name ?? ''} from the audit?`
        }
        confirmLabel={removing?.state === 'INVITED' ? 'Withdraw invitation' : 'Remove member'}
        color="red"
        pending={remove.isPending}
        error={remove.error}
        errorTitle="Not removed"
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        onConfirm={() => remove.mutate(removing!.userId, { onSuccess: () => setRemoving(null) })}
      >
        {removing?.state === 'INVITED'
          ? 'The link they were emailed stops working and they are no longer a member of this audit.'
          : 'They will no longer see this audit or receive its reminders. This is refused while they are assignee or reviewer of open responses or own a subject: reassign those first.'}
      </ConfirmDialog>
      <ConfirmDialog
        opened={signing !== null}
        title={
          signing?.canCertify
            ? `Withdraw the signer role of ${signing.name}?`
            : `Make ${signing?.name ?? ''} the signer of this audit?`
        }
        confirmLabel={signing?.canCertify ? 'Withdraw signer role' : 'Make signer'}
        pending={setSigner.isPending}
        error={setSigner.error}
        onClose={() => {
          setSigning(null);
          setSigner.reset();
        }}
        onConfirm={() =>
          setSigner.mutate(
            { userId: signing!.userId, canCertify: !signing!.canCertify },
            { onSuccess: () => setSigning(null) },
          )
        }
      >
        {signing?.canCertify
          ? 'They will no longer be able to certify a submitted version. Versions they already certified stay certified.'
          : 'As the officer, they can certify a submitted version of the response: signed with their password, or by uploading a hand-signed scan. A certified version can never be certified again.'}
      </ConfirmDialog>
    </Card>
  );
}

function AddMemberForm({ memberIds, onDone }: { memberIds: string[]; onDone: () => void }) {
  const audit = useCurrentAudit();
  const add = useAddMember(audit.id);
  // The picker filters in the browser: an organisation's active users fit in one page.
  const users = useUsers();
  const [userId, setUserId] = useState<string | null>(null);
  const [role, setRole] = useState<AuditRole>('CONTRIBUTOR');
  const errors = plainFieldErrors(add.error);
  const candidates = (users.data?.items ?? [])
    .filter((u) => !memberIds.includes(u.id))
    .map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }));

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!userId) return;
        add.mutate({ userId, role }, { onSuccess: onDone });
      }}
    >
      <Stack>
        {add.error && Object.keys(errors).length === 0 && <ErrorNotice error={add.error} title="Not added" />}
        <Select
          label="Person"
          description="Someone who already has an account"
          placeholder="Type a name or email"
          required
          searchable
          data-autofocus
          data={candidates}
          value={userId}
          onChange={setUserId}
          nothingFoundMessage={users.isPending ? 'Loading people…' : 'No one else with an account matches'}
          error={errors.userId}
        />
        <RoleSelect value={role} onChange={setRole} error={errors.role} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={add.isPending} disabled={!userId}>
            Add member
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
