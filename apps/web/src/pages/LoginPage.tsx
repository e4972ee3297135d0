import { Alert, Anchor, Box, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { useDemoLogins, useLogin, useMe } from '../api/queries';
import { plainFieldErrors } from '../lib/messages';
import classes from './LoginPage.module.css';

export function LoginPage() {
  const me = useMe();
  const login = useLogin();
  const demo = useDemoLogins();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next')?.startsWith('/') ? params.get('next')! : '/audits';
  const form = useForm({ initialValues: { email: '', password: '' } });

  if (me.data) return <Navigate to={next} replace />;

  const submit = form.onSubmit((values) =>
    login.mutate(values, {
      onSuccess: () => void navigate(next, { replace: true }),
      onError: (error) => form.setErrors(plainFieldErrors(error)),
    }),
  );
  const loginError =
    login.error instanceof ApiError && Object.keys(login.error.fieldErrors).length === 0
      ? login.error
      : login.error && !(login.error instanceof ApiError)
        ? login.error
        : null;

  return (
    // Top-aligned rather than centred: the demo users' list arrives after the form, and a
    // centred column would jump up by half its height then (a layout shift under the cursor).
    <Box mih="100vh" bg="gray.0" p="md" pt={{ base: 'md', sm: '12vh' }}>
      <Stack w="100%" maw={460} mx="auto" gap="lg">
        <Stack gap={4} align="center">
          <Title order={1}>AuditDesk</Title>
          <Text c="dimmed" ta="center">
            Contract-compliance audits: every demand, every answer, every deadline.
          </Text>
        </Stack>
        <Paper withBorder shadow="sm" p="lg" radius="md" component="main">
          <form onSubmit={submit} noValidate aria-label="Log in">
            <Stack>
              <Title order={2} size="h3">
                Log in
              </Title>
              {loginError && (
                <Alert color="red" role="alert" title="Could not log in">
                  {loginError.message}
                </Alert>
              )}
              <TextInput label="Email" type="email" autoComplete="username" required {...form.getInputProps('email')} />
              <PasswordInput
                label="Password"
                autoComplete="current-password"
                required
                {...form.getInputProps('password')}
              />
              <Button type="submit" loading={login.isPending}>
                Log in
              </Button>
            </Stack>
          </form>
        </Paper>
        {demo.data && demo.data.users.length > 0 && (
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="demo-users">
            <Title order={2} size="h5" id="demo-users">
              Demo users
            </Title>
            <Text size="sm" c="dimmed" mb="xs">
              This is a demo install. Every demo user's password is <code>{demo.data.password}</code>; pick one to fill
              in the form.
            </Text>
            {/* A plain table: Mantine's (with its scroll container) would be in every visit's first download. */}
            <table className={classes.demoUsers}>
              <tbody>
                {demo.data.users.map((user) => (
                  <tr key={user.email}>
                    <td className={classes.name}>
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        onClick={() => form.setValues({ email: user.email, password: demo.data!.password })}
                      >
                        {user.name}
                      </Anchor>
                    </td>
                    <td className={classes.job}>{user.job}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Paper>
        )}
      </Stack>
    </Box>
  );
}
