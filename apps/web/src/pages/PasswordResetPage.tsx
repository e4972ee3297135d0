// Public: the page a password-reset email links to. The person sets a new password, then logs in.
import { Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { useCompletePasswordReset, usePasswordReset } from '../api/queries';
import { NewPasswordFields, useNewPassword } from '../components/NewPasswordFields';
import { LinkProblem, PublicLoading, PublicPage } from '../components/PublicPage';
import { ErrorNotice } from '../components/states';
import { plainFieldErrors } from '../lib/messages';

export function PasswordResetPage() {
  const { token = '' } = useParams();
  const reset = usePasswordReset(token);
  const complete = useCompletePasswordReset(token);
  const newPassword = useNewPassword();
  const errors = plainFieldErrors(complete.error);

  if (reset.isPending) return <PublicLoading label="Reading the link…" />;
  if (reset.isError || isApiError(complete.error, 410))
    return (
      <PublicPage>
        <LinkProblem error={reset.error ?? complete.error} what="password reset" onRetry={() => void reset.refetch()} />
      </PublicPage>
    );
  if (complete.isSuccess)
    return (
      <PublicPage>
        <Stack>
          <Title order={1} size="h3">
            Your password is set
          </Title>
          <Text size="sm">
            Every earlier session has ended.{' '}
            <Anchor component={Link} to="/login">
              Log in
            </Anchor>{' '}
            with the new password.
          </Text>
        </Stack>
      </PublicPage>
    );

  return (
    <PublicPage>
      <form
        noValidate
        aria-labelledby="reset-heading"
        onSubmit={(event) => {
          event.preventDefault();
          if (newPassword.confirm()) complete.mutate({ password: newPassword.password });
        }}
      >
        <Stack>
          <Title order={1} size="h3" id="reset-heading">
            Choose a new password
          </Title>
          <Text size="sm">
            For {reset.data.name} ({reset.data.email}). This link works once.
          </Text>
          {complete.error && Object.keys(errors).length === 0 && (
            <ErrorNotice error={complete.error} title="The password was not changed" />
          )}
          <NewPasswordFields state={newPassword} label="New password" error={errors.password} />
          <Button type="submit" loading={complete.isPending}>
            Set the password
          </Button>
        </Stack>
      </form>
    </PublicPage>
  );
}
