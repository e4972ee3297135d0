// The frame of the pages a visitor reaches from an email link without being logged in
// (accepting an invitation, setting a new password): the product's name and one panel.
import { Anchor, Box, Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../api/client';
import { ErrorNotice, Loading } from './states';

export function PublicPage({ children }: { children: ReactNode }) {
  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Stack w={480} gap="lg">
        <Box component="header" ta="center">
          <Text fw={700} size="xl" component="p" m={0}>
            AuditDesk
          </Text>
        </Box>
        <Paper withBorder shadow="sm" p="lg" radius="md" component="main">
          {children}
        </Paper>
      </Stack>
    </Center>
  );
}

/**
 * A one-time link that cannot be used (404 unknown, 410 used, replaced or expired), said
 * plainly, with the way on; any other failure as the error it is.
 */
export function LinkProblem({ error, what, onRetry }: { error: unknown; what: string; onRetry: () => void }) {
  if (isApiError(error, 410) || isApiError(error, 404))
    return (
      <Stack>
        <Title order={1} size="h3">
          {isApiError(error, 410) ? `This ${what} link no longer works` : `This ${what} link is not valid`}
        </Title>
        <Text size="sm">{error.message}</Text>
        <Text size="sm">
          Ask the person who sent it for a new one, or{' '}
          <Anchor component={Link} to="/login">
            log in
          </Anchor>{' '}
          if you already have an account.
        </Text>
      </Stack>
    );
  return (
    <Stack>
      <Title order={1} size="h3">
        Something went wrong
      </Title>
      <ErrorNotice error={error} onRetry={onRetry} />
    </Stack>
  );
}

export const PublicLoading = ({ label }: { label: string }) => (
  <PublicPage>
    <Loading label={label} />
  </PublicPage>
);
