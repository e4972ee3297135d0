// Loading, error and empty states, so every screen says the same thing the same way.
import { Alert, Button, Center, EmptyState, Group, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { fieldLabel, plainMessage } from '../lib/messages';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text c="dimmed">{label}</Text>
      </Group>
    </Center>
  );
}

/** The problem the API reported (its detail and field messages), or a plain message. */
export function ErrorNotice({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const problem = error instanceof ApiError ? error : null;
  const heading =
    title ??
    (problem?.status === 404
      ? 'Not found'
      : problem?.status === 403
        ? 'Not allowed'
        : (problem?.problem.title ?? 'Something went wrong'));
  return (
    <Alert color="red" title={heading} role="alert" variant="light">
      <Stack gap="xs">
        <Text size="sm">
          {/* With field errors the detail only repeats them in the API's words: they are listed below instead. */}
          {problem?.problem.errors?.length
            ? 'Check these fields:'
            : error instanceof Error
              ? error.message
              : String(error)}
        </Text>
        {problem?.problem.errors && problem.problem.errors.length > 0 && (
          <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
            {problem.problem.errors.map((e) => (
              <li key={e.field}>
                <Text size="sm">
                  <strong>{fieldLabel(e.field)}</strong>: {plainMessage(e.field, e.message)}
                </Text>
              </li>
            ))}
          </ul>
        )}
        {onRetry && (
          <Group>
            <Button size="xs" variant="white" color="red" onClick={onRetry}>
              Try again
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return <EmptyState py="md" size="sm" title={title} description={children} />;
}

/** Renders loading and error states of a query, and the content once its data is there. */
export function QueryState<T>({
  query,
  children,
  label,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  children: (data: T) => ReactNode;
  label?: string;
}) {
  if (query.isPending) return <Loading label={label} />;
  if (query.error) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data as T)}</>;
}
