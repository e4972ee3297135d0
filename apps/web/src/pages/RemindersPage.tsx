import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { isCounsel } from '@app/domain/audit-access';
import { ApiError, type ReminderPolicy, type ReminderStatus, type Schemas } from '../api/client';
import {
  useMembers,
  useReminderPolicy,
  useReminders,
  useRetryReminder,
  useSaveReminderPolicy,
  useSendDigestNow,
} from '../api/queries';
import { useCurrentAudit, useCurrentUser } from '../components/layout';
import { Pages } from '../components/pagination';
import { ReminderPauseBanner } from '../components/ReminderPauseBanner';
import { Empty, ErrorNotice, QueryState } from '../components/states';
import { formatDay, formatInstant } from '../lib/dates';
import { plainFieldErrors } from '../lib/messages';
import { REMINDER_STATUS_COLOR, REMINDER_STATUS_LABEL } from '../lib/status';

const REASON_LABEL: Record<Schemas['ReminderReason'], string> = {
  DEADLINE: 'Deadline',
  DUE_DATE: 'Due date',
  OVERDUE: 'Overdue',
  ESCALATION: 'Escalation',
  OVERDUE_NOTICE: 'Overdue notice',
  MANUAL: 'Sent by hand',
};

type RemindersStopped = Schemas['RemindersStoppedDto'];

/** Why nothing is planned, in the words the page shows: a heading, and what it means. */
function stoppedWords(stopped: RemindersStopped): { title: string; detail: string } {
  const days = `${stopped.quietAfterDays} day${stopped.quietAfterDays === 1 ? '' : 's'}`;
  switch (stopped.reason) {
    case 'AUDIT_SUBMITTED':
      return {
        title: 'Reminders have stopped: the audit was submitted',
        detail: 'Nobody is reminded of a submitted audit. Reopening it plans its reminders again.',
      };
    case 'AUDIT_CLOSED':
      return {
        title: 'Reminders have stopped: the audit is closed',
        detail: 'Nobody is reminded of a closed audit. Reopening it plans its reminders again.',
      };
    case 'PAUSED':
      return {
        title: 'Reminders are paused by counsel',
        detail: 'Nothing is planned or sent until counsel resume them (see above).',
      };
    case 'PAST_DEADLINE':
      return {
        title: `Reminders have stopped: the deadline passed more than ${days} ago`,
        detail:
          `The deadline was ${formatDay(stopped.deadlineDay)}; nobody has been reminded since ` +
          `${formatDay(stopped.lastReminderDay)}. Reminders stop ${days} after the deadline, so that an audit ` +
          'left open does not email people for ever, overdue items or not. Moving the deadline (a granted ' +
          'extension, on the Overview) starts them again.',
      };
    case 'NO_OPEN_WORK':
      return {
        title: 'Nothing to remind anyone of',
        detail: 'Every response is approved or not applicable.',
      };
  }
}

export function RemindersPage() {
  const audit = useCurrentAudit();
  const counsel = isCounsel(audit.myRole);
  return (
    <Stack>
      <ReminderPauseBanner offerPause />
      <SimpleGrid cols={{ base: 1, lg: 3 }}>
        <div style={{ gridColumn: 'span 2' }}>
          <ReminderList />
        </div>
        <Stack>
          <PolicyCard counsel={counsel} />
          {counsel && <SendNowCard />}
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

function ReminderList() {
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const [filter, setFilter] = useState<'ALL' | ReminderStatus>('ALL');
  const [page, setPage] = useState(1);
  const reminders = useReminders(audit.id, filter === 'ALL' ? undefined : filter, page);
  const retry = useRetryReminder(audit.id);
  const counsel = isCounsel(audit.myRole);
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="reminders-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="reminders-heading">
          Reminders
        </Title>
        <SegmentedControl
          size="xs"
          aria-label="Show reminders"
          value={filter}
          onChange={(v) => (setFilter(v), setPage(1))}
          data={[
            { value: 'ALL', label: 'All' },
            ...(['SCHEDULED', 'SENT', 'FAILED', 'CANCELLED'] as const).map((status) => ({
              value: status,
              label: REMINDER_STATUS_LABEL[status],
            })),
          ]}
        />
      </Group>
      {retry.error && <ErrorNotice error={retry.error} title="Not retried" />}
      <QueryState query={reminders} label="Loading reminders…">
        {(result) => {
          // Why nothing is planned matters where planned reminders would be listed.
          const stopped =
            result.stopped && (filter === 'ALL' || filter === 'SCHEDULED') ? stoppedWords(result.stopped) : null;
          return result.items.length === 0 ? (
            stopped ? (
              <Empty title={stopped.title}>{stopped.detail}</Empty>
            ) : (
              <Empty title={filter === 'ALL' ? 'No reminders planned' : 'None in this state'}>
                Reminders follow the policy and the open work.
              </Empty>
            )
          ) : (
            <>
              {stopped && (
                <Alert color="gray" title={stopped.title} mb="sm">
                  {stopped.detail}
                </Alert>
              )}
              <Text size="xs" c="dimmed" mb="xs">
                {result.total} reminder{result.total === 1 ? '' : 's'}, by the time they go out.
                {filter !== 'SENT' && filter !== 'FAILED' && filter !== 'CANCELLED'
                  ? " Each person's next reminder is planned; the one after it, once it has gone out."
                  : ''}
              </Text>
              <Table striped aria-label="Reminders">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Goes out ({me.timeZone})</Table.Th>
                    <Table.Th>To</Table.Th>
                    <Table.Th>Why</Table.Th>
                    <Table.Th>Items</Table.Th>
                    <Table.Th>State</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.items.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm">{formatInstant(r.sentAt ?? r.sendAt, me.timeZone)}</Text>
                        {r.late && (
                          <Text size="xs" c="orange.9">
                            sent late
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{r.recipient.name}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {r.reasons.map((reason) => (
                            <Badge key={reason} size="xs" variant="light" color="gray">
                              {REASON_LABEL[reason] ?? reason}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>{r.itemIds.length}</Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Badge color={REMINDER_STATUS_COLOR[r.status]} variant="light">
                            {REMINDER_STATUS_LABEL[r.status]}
                          </Badge>
                          {r.status === 'FAILED' && counsel && (
                            <Button
                              size="compact-xs"
                              variant="default"
                              loading={retry.isPending && retry.variables === r.id}
                              onClick={() => retry.mutate(r.id)}
                            >
                              Retry
                            </Button>
                          )}
                        </Group>
                        {r.lastError && (
                          <Text size="xs" c="red.9">
                            {r.attempts} attempt{r.attempts === 1 ? '' : 's'}: {r.lastError}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {result.total > result.pageSize && (
                <Group justify="center" mt="sm">
                  <Pages
                    total={Math.ceil(result.total / result.pageSize)}
                    value={page}
                    onChange={setPage}
                    label="Pages of reminders"
                  />
                </Group>
              )}
            </>
          );
        }}
      </QueryState>
    </Card>
  );
}

const toDays = (text: string): number[] =>
  text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);

function PolicyCard({ counsel }: { counsel: boolean }) {
  const audit = useCurrentAudit();
  const policy = useReminderPolicy(audit.id);
  const save = useSaveReminderPolicy(audit.id);
  const form = useForm({
    initialValues: {
      deadlineDaysBefore: '',
      dueDateDaysBefore: '',
      afterDueDaily: true,
      escalateDaysBefore: 0,
      sendHour: 9,
    },
  });

  useEffect(() => {
    if (!policy.data) return;
    form.setValues({
      deadlineDaysBefore: policy.data.deadlineDaysBefore.join(', '),
      dueDateDaysBefore: policy.data.dueDateDaysBefore.join(', '),
      afterDueDaily: policy.data.afterDueDaily,
      escalateDaysBefore: policy.data.escalateDaysBefore,
      sendHour: policy.data.sendHour,
    });
    form.resetDirty();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [policy.data]);

  const submit = form.onSubmit((values) => {
    const body: ReminderPolicy = {
      deadlineDaysBefore: toDays(values.deadlineDaysBefore),
      dueDateDaysBefore: toDays(values.dueDateDaysBefore),
      afterDueDaily: values.afterDueDaily,
      escalateDaysBefore: Number(values.escalateDaysBefore),
      sendHour: Number(values.sendHour),
    };
    save.mutate(body, {
      onSuccess: () => notifications.show({ color: 'teal', message: 'Policy saved; pending reminders re-planned.' }),
      onError: (error) => {
        // "deadlineDaysBefore.0" and the like belong to the list's field (plainFieldErrors keys them so).
        form.setErrors(plainFieldErrors(error));
      },
    });
  });

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="policy-heading">
      <Title order={2} size="h4" id="policy-heading" mb="sm">
        Reminder policy
      </Title>
      <QueryState query={policy}>
        {() => (
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              {save.error && !(save.error instanceof ApiError && Object.keys(save.error.fieldErrors).length > 0) && (
                <ErrorNotice error={save.error} title="Not saved" />
              )}
              <TextInput
                label="Days before the deadline"
                description="Remind assignees this many days before the audit deadline, e.g. 7, 3, 1, 0"
                readOnly={!counsel}
                {...form.getInputProps('deadlineDaysBefore')}
              />
              <TextInput
                label="Days before a due date"
                description="Remind the assignee before a response's internal due date"
                readOnly={!counsel}
                {...form.getInputProps('dueDateDaysBefore')}
              />
              <Switch
                label="After a due date passes, remind every business day"
                disabled={!counsel}
                {...form.getInputProps('afterDueDaily', { type: 'checkbox' })}
              />
              <NumberInput
                label="Escalate to lead counsel from (days before the deadline)"
                min={0}
                max={365}
                readOnly={!counsel}
                {...form.getInputProps('escalateDaysBefore')}
              />
              <NumberInput
                label="Hour of day to send"
                description="In each recipient's own zone"
                min={0}
                max={23}
                readOnly={!counsel}
                {...form.getInputProps('sendHour')}
              />
              {counsel ? (
                <Group justify="flex-end">
                  <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                    Save policy
                  </Button>
                </Group>
              ) : (
                <Text size="xs" c="dimmed">
                  Counsel can change the policy.
                </Text>
              )}
            </Stack>
          </form>
        )}
      </QueryState>
    </Card>
  );
}

function SendNowCard() {
  const audit = useCurrentAudit();
  const members = useMembers(audit.id);
  const send = useSendDigestNow(audit.id);
  const [userId, setUserId] = useState<string | null>(null);
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="send-now-heading">
      <Title order={2} size="h4" id="send-now-heading" mb="xs">
        Send a digest now
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Emails one member the list of their open items in this audit.
      </Text>
      <Stack gap="sm">
        <Select
          label="Member"
          placeholder="Choose a member"
          data={(members.data?.items ?? []).map((m) => ({ value: m.userId, label: m.name }))}
          value={userId}
          onChange={setUserId}
          searchable
          error={plainFieldErrors(send.error).userId}
        />
        {send.error && !(send.error instanceof ApiError && send.error.fieldErrors.userId) && (
          <ErrorNotice error={send.error} title="Not sent" />
        )}
        {send.isSuccess && (
          <Alert color="teal" role="status">
            Digest queued for {send.data.recipient.name}.
          </Alert>
        )}
        <Group justify="flex-end">
          <Button disabled={!userId} loading={send.isPending} onClick={() => userId && send.mutate(userId)}>
            Send digest now
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
