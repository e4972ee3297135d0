import { Button, Group, Text } from '@mantine/core';
import { formatInstant } from '../lib/dates';

/** A list row's name in bold with its description under it, cut to two lines. */
export function NameCell({ name, description }: { name: string; description?: string | null }) {
  return (
    <>
      <Text size="sm" fw={500}>
        {name}
      </Text>
      {description && (
        <Text size="xs" c="dimmed" lineClamp={2}>
          {description}
        </Text>
      )}
    </>
  );
}

/** Who made a row and when, in the reader's zone ("Unknown" once that user is gone). */
export function MadeByCell({
  by,
  at,
  timeZone,
}: {
  by: { name: string } | null | undefined;
  at: string;
  timeZone: string;
}) {
  return (
    <>
      <Text size="sm">{by?.name ?? 'Unknown'}</Text>
      <Text size="xs" c="dimmed">
        {formatInstant(at, timeZone)}
      </Text>
    </>
  );
}

export interface RowAction {
  label: string;
  /** What a screen reader hears, naming the row (e.g. "Delete Data inventory"). */
  ariaLabel: string;
  onClick: () => void;
  /** A destructive action (it asks for confirmation itself) reads in red. */
  danger?: boolean;
}

/** A list row's small action buttons, right-aligned. */
export function RowActions({ actions }: { actions: RowAction[] }) {
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      {actions.map((action) => (
        <Button
          key={action.label}
          size="compact-xs"
          variant="light"
          color={action.danger ? 'red' : undefined}
          aria-label={action.ariaLabel}
          onClick={action.onClick}
        >
          {action.label}
        </Button>
      ))}
    </Group>
  );
}
