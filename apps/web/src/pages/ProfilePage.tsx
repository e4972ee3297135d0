// Every user's own page: name and time zone, their reminders (when, vacation, which audits),
// password, and the secret calendar feed URL.
import { Button, Card, CopyButton, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useCalendarFeed, useChangePassword, useNewCalendarFeed, useUpdateProfile } from '../api/queries';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { MyRemindersCard } from '../components/MyRemindersCard';
import { useCurrentUser } from '../components/layout';
import { TimeZoneSelect } from '../components/TimeZoneSelect';
import { ErrorNotice } from '../components/states';
import { plainFieldErrors } from '../lib/messages';

export function ProfilePage() {
  return (
    <Stack maw={720}>
      <Title order={1} size="h2">
        Your profile
      </Title>
      <DetailsCard />
      <MyRemindersCard />
      <PasswordCard />
      <CalendarCard />
    </Stack>
  );
}

function DetailsCard() {
  const me = useCurrentUser();
  const update = useUpdateProfile();
  const [name, setName] = useState(me.name);
  const [timeZone, setTimeZone] = useState<string | null>(me.timeZone);
  const errors = plainFieldErrors(update.error);
  const body = {
    ...(name.trim() !== me.name && { name: name.trim() }),
    ...(timeZone && timeZone !== me.timeZone && { timeZone }),
  };

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="details-heading">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          update.mutate(body, {
            onSuccess: (user) =>
              notifications.show({
                color: 'teal',
                title: 'Profile saved',
                message: `Dates and reminders now use ${user.timeZone}.`,
              }),
          });
        }}
      >
        <Stack>
          <Title order={2} size="h4" id="details-heading">
            Your details
          </Title>
          {update.error && Object.keys(errors).length === 0 && <ErrorNotice error={update.error} title="Not saved" />}
          <TextInput label="Email" value={me.email} readOnly description="An admin can change it" />
          <TextInput
            label="Name"
            required
            autoComplete="name"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name}
          />
          <TimeZoneSelect
            required
            description="Dates and times show in this zone; your reminders are sent by it"
            value={timeZone}
            onChange={setTimeZone}
            error={errors.timeZone}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending} disabled={Object.keys(body).length === 0}>
              Save details
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function PasswordCard() {
  const change = useChangePassword();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const errors = plainFieldErrors(change.error);

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="password-heading">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setMismatch(newPassword !== repeat);
          if (newPassword !== repeat) return;
          change.mutate(
            { currentPassword, newPassword },
            {
              onSuccess: () => {
                notifications.show({
                  color: 'teal',
                  title: 'Password changed',
                  message: 'Your other sessions have ended; this one goes on.',
                });
                setCurrent('');
                setNew('');
                setRepeat('');
              },
            },
          );
        }}
      >
        <Stack>
          <Title order={2} size="h4" id="password-heading">
            Password
          </Title>
          {change.error && Object.keys(errors).length === 0 && (
            <ErrorNotice error={change.error} title="The password did not change" />
          )}
          <PasswordInput
            label="Current password"
            required
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => setCurrent(event.currentTarget.value)}
            error={errors.currentPassword}
          />
          <PasswordInput
            label="New password"
            description="At least 10 characters"
            required
            autoComplete="new-password"
            value={newPassword}
            onChange={(event) => setNew(event.currentTarget.value)}
            error={errors.newPassword}
          />
          <PasswordInput
            label="Repeat the new password"
            required
            autoComplete="new-password"
            value={repeat}
            onChange={(event) => setRepeat(event.currentTarget.value)}
            error={mismatch ? 'The two passwords differ' : undefined}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending} disabled={!currentPassword || !newPassword}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function CalendarCard() {
  const existing = useCalendarFeed();
  const feed = useNewCalendarFeed();
  const [confirming, setConfirming] = useState(false);

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="calendar-heading">
      <Stack>
        <Title order={2} size="h4" id="calendar-heading">
          Calendar feed
        </Title>
        <Text size="sm">
          Your deadlines and due dates in Outlook, Google Calendar or Apple Calendar: make a feed URL and subscribe to
          it there (“subscribe from URL”). The URL is shown once and is the only key to the feed, so keep it to
          yourself.
        </Text>
        {existing.error && <ErrorNotice error={existing.error} title="Whether you have a feed URL is not known" />}
        {existing.data && !feed.data && (
          <Text size="sm" fw={500}>
            {existing.data.exists
              ? 'You have a feed URL, and it works. It was shown only when you made it: if you no longer have it, make a new one (the old one then stops working).'
              : 'You have no feed URL yet.'}
          </Text>
        )}
        {feed.data && (
          <Group align="flex-end" wrap="nowrap">
            <TextInput
              label="Your feed URL"
              value={feed.data.url}
              readOnly
              style={{ flex: 1 }}
              onFocus={(event) => event.currentTarget.select()}
            />
            <CopyButton value={feed.data.url}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? 'Copied' : 'Copy the feed URL'}
                </Button>
              )}
            </CopyButton>
          </Group>
        )}
        <Group>
          <Button variant={feed.data ? 'default' : 'filled'} onClick={() => setConfirming(true)}>
            Make a new feed URL
          </Button>
        </Group>
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title="Make a new calendar feed URL?"
        confirmLabel="Make a new URL"
        pending={feed.isPending}
        error={feed.error}
        errorTitle="No URL was made"
        onClose={() => setConfirming(false)}
        onConfirm={() => feed.mutate(undefined, { onSuccess: () => setConfirming(false) })}
      >
        Any feed URL you made before stops working: calendars subscribed to it need the new one.
      </ConfirmDialog>
    </Card>
  );
}
