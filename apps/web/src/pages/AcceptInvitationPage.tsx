// Public: the page an invitation email links to. The invited person chooses their name, time
// zone and password; accepting logs them in.
import { Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { useAcceptInvitation, useInvitation } from '../api/queries';
import { NewPasswordFields, useNewPassword } from '../components/NewPasswordFields';
import { LinkProblem, PublicLoading, PublicPage } from '../components/PublicPage';
import { browserTimeZone, TimeZoneSelect } from '../components/TimeZoneSelect';
import { ErrorNotice } from '../components/states';
import { formatInstant } from '../lib/dates';
import { plainFieldErrors } from '../lib/messages';
import { ROLE_LABEL } from '../lib/status';

export function AcceptInvitationPage() {
  const { token = '' } = useParams();
  const invitation = useInvitation(token);
  if (invitation.isPending) return <PublicLoading label="Reading the invitation…" />;
  if (invitation.isError)
    return (
      <PublicPage>
        <LinkProblem error={invitation.error} what="invitation" onRetry={() => void invitation.refetch()} />
      </PublicPage>
    );
  return (
    <PublicPage>
      <AcceptForm token={token} invitation={invitation.data} />
    </PublicPage>
  );
}

function AcceptForm({
  token,
  invitation,
}: {
  token: string;
  invitation: NonNullable<ReturnType<typeof useInvitation>['data']>;
}) {
  const accept = useAcceptInvitation(token);
  const navigate = useNavigate();
  const zone = browserTimeZone();
  const [name, setName] = useState(invitation.name);
  const [timeZone, setTimeZone] = useState<string | null>(zone);
  const newPassword = useNewPassword();
  const errors = plainFieldErrors(accept.error);
  const invitedTo = invitation.audit
    ? `the audit “${invitation.audit.title}” (${invitation.audit.referenceCode}) as ${ROLE_LABEL[invitation.audit.role].toLowerCase()}`
    : 'AuditDesk';

  // A link used up while the form was open (accepted in another tab, withdrawn): say so plainly.
  if (isApiError(accept.error, 410))
    return <LinkProblem error={accept.error} what="invitation" onRetry={() => accept.reset()} />;

  return (
    <form
      noValidate
      aria-labelledby="accept-heading"
      onSubmit={(event) => {
        event.preventDefault();
        if (!newPassword.confirm()) return;
        accept.mutate(
          { name: name.trim(), timeZone: timeZone ?? '', password: newPassword.password },
          {
            onSuccess: (user) => {
              notifications.show({ color: 'teal', title: `Welcome, ${user.name}`, message: 'Your account is ready.' });
              void navigate('/audits', { replace: true });
            },
          },
        );
      }}
    >
      <Stack>
        <Title order={1} size="h3" id="accept-heading">
          Accept your invitation
        </Title>
        <Text size="sm">
          {invitation.invitedBy ?? 'Someone'} invited you to {invitedTo}. Set up your account to continue. This link
          works once, until {formatInstant(invitation.expiresAt, timeZone ?? zone)}.
        </Text>
        {accept.error && Object.keys(errors).length === 0 && (
          <ErrorNotice error={accept.error} title="Your account was not set up" />
        )}
        <TextInput label="Email" value={invitation.email} readOnly autoComplete="username" />
        <TextInput
          label="Your name"
          description="As colleagues will see it"
          required
          autoComplete="name"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
        />
        <TimeZoneSelect required value={timeZone} onChange={setTimeZone} error={errors.timeZone} />
        <NewPasswordFields state={newPassword} label="Password" error={errors.password} />
        <Button type="submit" loading={accept.isPending}>
          Accept and log in
        </Button>
      </Stack>
    </form>
  );
}
