import { Button, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { ApiError, type AuditRole, type Schemas } from '../api/client';
import { useInviteMembers } from '../api/queries';
import { formatInstant } from '../lib/dates';
import { readInvitees } from '../lib/invitees';
import { plainMessage } from '../lib/messages';
import { ROLE_LABEL } from '../lib/status';
import { useCurrentAudit, useCurrentUser } from './layout';
import { RoleSelect } from './RoleSelect';
import { ErrorNotice } from './states';

type InvitationResult = Schemas['InvitationResultDto'];

const PERSON_FIELD = /^people\[(\d+)\]/;

/**
 * Invites one person or a team by email, all with one role: addresses typed or pasted (from a
 * mail's To line or a spreadsheet). Someone with an account is added at once, anyone else is
 * emailed a link. All or none: when the API refuses some of the list, each is named and nobody
 * is invited, so the list can be corrected and sent again.
 */
export function InviteForm({ onDone }: { onDone: () => void }) {
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const invite = useInviteMembers(audit.id);
  const [text, setText] = useState('');
  const [role, setRole] = useState<AuditRole>('CONTRIBUTOR');
  // Addresses are judged once the person tries to send, not while they are still typing one.
  const [tried, setTried] = useState(false);
  const { people, unreadable } = useMemo(() => readInvitees(text), [text]);
  const refused = refusedPeople(invite.error, people);
  const roleError = problemsOf(invite.error).find(({ field }) => field.endsWith('.role'));
  const addressError =
    tried && unreadable.length > 0
      ? `Not an email address: ${unreadable.join(', ')}. Enter addresses like name@firm.com`
      : tried && people.length === 0
        ? 'Enter an email address like name@firm.com'
        : undefined;

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (unreadable.length > 0 || people.length === 0) return;
        invite.mutate(
          people.map((person) => ({ ...person, role })),
          {
            onSuccess: ({ results }) => {
              announce(results, me.timeZone);
              onDone();
            },
          },
        );
      }}
    >
      <Stack>
        {invite.error && refused.length === 0 && !roleError && (
          <ErrorNotice error={invite.error} title="Nobody was invited" />
        )}
        <Textarea
          label="Email addresses"
          description="One, or several: one per line, or pasted from an email's To line or a spreadsheet. Someone without an account gets a link to set up theirs, valid 7 days."
          required
          autosize
          minRows={2}
          maxRows={8}
          data-autofocus
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          error={
            addressError ??
            (refused.length > 0
              ? 'Nobody was invited: remove or correct the people named below, then send again'
              : undefined)
          }
        />
        {refused.length > 0 && (
          <List size="sm" c="var(--mantine-color-error)" aria-label="People who cannot be invited">
            {refused.map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
        )}
        {people.length + unreadable.length > 1 && (
          <Text size="sm" aria-live="polite">
            {people.length} {people.length === 1 ? 'person' : 'people'}:{' '}
            {people.map((p) => p.name ?? p.email).join(', ')}
            {unreadable.length > 0 && `. Not an email address, so not counted: ${unreadable.join(', ')}`}
          </Text>
        )}
        <RoleSelect
          label={people.length > 1 ? 'Role of each' : 'Role'}
          value={role}
          onChange={setRole}
          error={roleError && plainMessage(roleError.field, roleError.message)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={invite.isPending} disabled={!text.trim()}>
            {people.length > 1 ? `Send ${people.length} invitations` : 'Send invitation'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The API's refusals of people in the list (`people[i].email`), each naming its person. */
function refusedPeople(error: unknown, people: { email: string }[]): string[] {
  return problemsOf(error).flatMap(({ field, message }) => {
    const match = PERSON_FIELD.exec(field);
    if (!match || !field.endsWith('.email')) return [];
    const email = people[Number(match[1])]?.email;
    const said = plainMessage(field, message);
    return [email && !said.includes(email) ? `${email}: ${said}` : said];
  });
}

const problemsOf = (error: unknown) => (error instanceof ApiError ? (error.problem.errors ?? []) : []);

/** Says what happened, person by person when one, in counts when several; a failed email in orange. */
function announce(results: InvitationResult[], timeZone: string): void {
  const unsent = results.filter((r) => r.invitation && !r.invitation.mailSent).map((r) => r.member.email);
  const added = results.filter((r) => r.outcome === 'ADDED');
  const emailed = results.filter((r) => r.invitation?.mailSent);
  if (unsent.length > 0) {
    notifications.show({
      color: 'orange',
      title:
        unsent.length === 1
          ? 'Invited, but the email did not go out'
          : unsent.length === results.length
            ? 'Invited, but no email went out'
            : 'Invited, but some emails did not go out',
      message: `${unsent.join(', ')} ${unsent.length === 1 ? 'is' : 'are'} listed as invited; use Resend once the mail server takes email again.`,
    });
  }
  if (results.length === 1 && added.length === 1) {
    notifications.show({
      color: 'teal',
      title: 'Member added',
      message: `${added[0].member.name} already has an account and is now a member.`,
    });
  } else if (results.length === 1 && emailed.length === 1) {
    notifications.show({
      color: 'teal',
      title: 'Invitation sent',
      message: `${emailed[0].member.email} can accept until ${formatInstant(emailed[0].invitation!.expiresAt, timeZone)}.`,
    });
  } else if (results.length > 1 && emailed.length + added.length > 0) {
    const parts = [
      emailed.length > 0 &&
        `${emailed.length} emailed a link, valid until ${formatInstant(emailed[0].invitation!.expiresAt, timeZone)}`,
      added.length > 0 &&
        `${added.length} already had an account and ${added.length === 1 ? 'is' : 'are'} now a member`,
    ].filter(Boolean);
    notifications.show({
      color: 'teal',
      title: `${results.length} people invited as ${ROLE_LABEL[results[0].member.role].toLowerCase()}`,
      message: `${parts.join('; ')}.`,
    });
  }
}
