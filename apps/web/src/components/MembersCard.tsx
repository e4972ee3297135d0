import { Badge, Button, Card, Group, Modal, Select, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { AuditRole, Member } from '../api/client';
import { useAddMember, useChangeMemberRole, useMembers, useRemoveMember, useUsers } from '../api/queries';
import { plainFieldErrors } from '../lib/messages';
import { ROLE_LABEL } from '../lib/status';
import { ConfirmDialog } from './ConfirmDialog';
import { DefaultReviewerSelect } from './DefaultReviewerSelect';
import { useCurrentAudit, useCurrentUser } from './layout';
import { Empty, ErrorNotice, QueryState } from './states';

const ROLES = (Object.keys(ROLE_LABEL) as AuditRole[]).map((role) => ({ value: role, label: ROLE_LABEL[role] }));

/** What each role may do, shown where a role is chosen. */
const ROLE_MEANING: Record<AuditRole, string> = {
  LEAD_COUNSEL: 'Everything, including members, status and legal hold',
  COUNSEL: 'Sets up the demand, assigns, reviews and approves',
  CONTRIBUTOR: 'Answers and uploads evidence for their responses',
  VIEWER: 'Reads only',
};

/** The audit's members; lead counsel add people, change roles and remove members. */
export function MembersCard() {
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const members = useMembers(audit.id);
  const changeRole = useChangeMemberRole(audit.id);
  const remove = useRemoveMember(audit.id);
  const lead = audit.myRole === 'LEAD_COUNSEL';
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="members-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="members-heading">
          Members
        </Title>
        {lead && (
          <Button size="xs" onClick={() => setAdding(true)}>
            Add member
          </Button>
        )}
      </Group>
      {changeRole.error && <ErrorNotice error={changeRole.error} title="The role did not change" />}
      <QueryState query={members}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="No members" />
          ) : (
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
                    </Table.Td>
                    <Table.Td>
                      {lead ? (
                        <Select
                          aria-label={`Role of ${m.name}`}
                          size="xs"
                          w={150}
                          data={ROLES}
                          value={m.role}
                          allowDeselect={false}
                          disabled={changeRole.isPending}
                          onChange={(role) => {
                            if (!role || role === m.role) return;
                            changeRole.mutate(
                              { userId: m.userId, role: role },
                              {
                                onSuccess: () =>
                                  notifications.show({
                                    color: 'teal',
                                    title: 'Role changed',
                                    message: `${m.name} is now ${ROLE_LABEL[role].toLowerCase()}.`,
                                  }),
                              },
                            );
                          }}
                        />
                      ) : (
                        <Badge variant="light" color={m.role === 'VIEWER' ? 'gray' : 'indigo'}>
                          {ROLE_LABEL[m.role]}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{m.timeZone}</Text>
                    </Table.Td>
                    {lead && (
                      <Table.Td>
                        <Button
                          size="compact-xs"
                          variant="light"
                          color="red"
                          aria-label={`Remove ${m.name}`}
                          onClick={() => setRemoving(m)}
                        >
                          Remove
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
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
      <ConfirmDialog
        opened={removing !== null}
        title={`Remove ${removing?.name ?? ''} from the audit?`}
        confirmLabel="Remove member"
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
        They will no longer see this audit or receive its reminders. This is refused while they are assignee or reviewer
        of open responses or own a subject: reassign those first.
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
        <Select
          label="Role"
          description={ROLE_MEANING[role]}
          required
          allowDeselect={false}
          data={ROLES}
          value={role}
          onChange={(value) => value && setRole(value)}
          error={errors.role}
        />
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
