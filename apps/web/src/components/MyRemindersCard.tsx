import { Badge, Button, Checkbox, Group, Select, Stack, Switch, Text, TextInput, Title, Card } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { MyReminderSettings } from '../api/client';
import { useMyReminderSettings, useSaveMyReminderSettings, useSetMyAuditReminders } from '../api/queries';
import { timeZoneLabel } from '../lib/dates';
import { AUDIT_STATUS_LABEL } from '../lib/status';
import { plainFieldErrors, VACATION_ORDER_PROBLEM, WEEKDAY_LABEL } from '../lib/messages';
import { ErrorNotice, QueryState } from './states';

const POLICY_HOUR = 'policy';
const HOURS = [
  { value: POLICY_HOUR, label: "Each audit's hour" },
  ...Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: `${String(h).padStart(2, '0')}:00` })),
];

/**
 * The user's own reminders (their profile): when digests come (hour, days, in their zone), a
 * vacation during which nothing is sent, and each of their audits' reminders on or off.
 */
export function MyRemindersCard() {
  const settings = useMyReminderSettings();
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="my-reminders-heading">
      <Title order={2} size="h4" id="my-reminders-heading" mb="sm">
        Reminders
      </Title>
      <QueryState query={settings}>
        {(s) => (
          <Stack>
            {/* Keyed by the saved values: new settings (a save, another tab) start the form afresh. */}
            <WhenForm key={JSON.stringify([s.hour, s.days, s.vacationFrom, s.vacationUntil])} settings={s} />
            <AuditSwitches settings={s} />
          </Stack>
        )}
      </QueryState>
    </Card>
  );
}

function WhenForm({ settings }: { settings: MyReminderSettings }) {
  const save = useSaveMyReminderSettings();
  const [hour, setHour] = useState(settings.hour === null ? POLICY_HOUR : String(settings.hour));
  const [days, setDays] = useState(settings.days.map(String));
  const [from, setFrom] = useState(settings.vacationFrom ?? '');
  const [until, setUntil] = useState(settings.vacationUntil ?? '');
  // Dates in the wrong order are said under the field on Save, and nothing is sent: the API
  // refuses them too (in the same words, through messages.ts). "YYYY-MM-DD" compares as text.
  const [checked, setChecked] = useState(false);
  const orderProblem = from && until && until < from ? VACATION_ORDER_PROBLEM : null;
  const errors = plainFieldErrors(save.error);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setChecked(true);
        if (orderProblem) return;
        save.mutate(
          {
            hour: hour === POLICY_HOUR ? null : Number(hour),
            days: days.map(Number).sort((a, b) => a - b),
            vacationFrom: from || null,
            vacationUntil: until || null,
          },
          {
            onSuccess: () =>
              notifications.show({
                color: 'teal',
                title: 'Reminder settings saved',
                message: 'Your reminders are planned again by them.',
              }),
          },
        );
      }}
    >
      <Stack>
        <Text size="sm">
          One email per send time lists all your items. Hours and days are in your zone,{' '}
          {timeZoneLabel(settings.timeZone)}.
        </Text>
        {save.error && Object.keys(errors).length === 0 && <ErrorNotice error={save.error} title="Not saved" />}
        <Select
          label="Hour of your digests"
          data={HOURS}
          value={hour}
          onChange={(v) => setHour(v ?? POLICY_HOUR)}
          allowDeselect={false}
          error={errors.hour}
          w={220}
        />
        <Checkbox.Group
          label="Days you get digests"
          description="A reminder ahead of a date that falls on another day comes on your day before it"
          value={days}
          onChange={setDays}
          error={errors.days}
        >
          <Group gap="md" mt={6}>
            {[1, 2, 3, 4, 5, 6, 7].map((d) => (
              <Checkbox key={d} value={String(d)} label={WEEKDAY_LABEL[d]} />
            ))}
          </Group>
        </Checkbox.Group>
        <div>
          <Text size="sm" fw={500}>
            Vacation
          </Text>
          <Text size="xs" c="dimmed">
            Nothing is sent while you are away; what falls due then comes on your first day back.
          </Text>
          <Group align="flex-start" mt={6}>
            <TextInput
              label="Away from"
              type="date"
              value={from}
              onChange={(e) => (setFrom(e.currentTarget.value), setChecked(false))}
              error={errors.vacationFrom}
            />
            <TextInput
              label="Away until"
              type="date"
              value={until}
              onChange={(e) => (setUntil(e.currentTarget.value), setChecked(false))}
              error={(checked && orderProblem) || errors.vacationUntil}
            />
            {(from || until) && (
              <Button variant="subtle" mt={24} onClick={() => (setFrom(''), setUntil(''))}>
                No vacation
              </Button>
            )}
          </Group>
        </div>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={days.length === 0}>
            Save reminder settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AuditSwitches({ settings }: { settings: MyReminderSettings }) {
  const set = useSetMyAuditReminders();
  if (settings.audits.length === 0) return <Text size="sm">You are not a member of any audit yet.</Text>;
  const active = (status: string) => status === 'DRAFT' || status === 'OPEN';
  return (
    <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
      <Text component="legend" size="sm" fw={500} mb={4}>
        Your audits
      </Text>
      {set.error && <ErrorNotice error={set.error} title="Not changed" />}
      {settings.audits.map((a) => (
        <Group key={a.auditId} justify="space-between" wrap="nowrap">
          <Switch
            label={`Reminders of the ${a.name}`}
            description={`${a.title} · ${a.referenceCode}`}
            checked={a.enabled}
            disabled={set.isPending && set.variables?.auditId === a.auditId}
            onChange={(e) => set.mutate({ auditId: a.auditId, enabled: e.currentTarget.checked })}
          />
          <Group gap={4} wrap="nowrap">
            {a.pausedByCounsel && (
              <Badge variant="light" color="orange">
                Paused by counsel
              </Badge>
            )}
            {!active(a.status) && (
              <Badge variant="light" color="gray">
                {AUDIT_STATUS_LABEL[a.status]}: none sent
              </Badge>
            )}
          </Group>
        </Group>
      ))}
    </Stack>
  );
}
