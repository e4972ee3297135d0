import { Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
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
  label: ReactNode;
  /** What a screen reader hears, naming the row (e.g. "Delete Data inventory"); unique in the row. */
  ariaLabel: string;
  onClick?: () => void;
  /** A destructive action (it asks for confirmation itself) reads in red. */
  danger?: boolean;
  /** Light unless said otherwise: `default` for the quiet ones, `filled` for the row's main step. */
  variant?: 'default' | 'light' | 'filled' | 'subtle';
  loading?: boolean;
  disabled?: boolean;
  /** A file to download rather than a button: its address, and the name to save it under (true: the server's). */
  href?: string;
  download?: string | boolean;
  /** A screen of this app to open rather than a button. */
  to?: string;
}

/**
 * A list row's small action buttons, right-aligned unless `justify` says otherwise. Actions a
 * row does not offer are passed as `false` (`cond && {...}`) and left out. In a narrow card the
 * buttons wrap onto a second line: kept on one, they pushed the last (often Remove or Delete)
 * past the card's edge, where it was cut off.
 */
export function RowActions({
  actions,
  justify = 'flex-end',
}: {
  actions: (RowAction | false | null | undefined)[];
  justify?: 'flex-end' | 'flex-start';
}) {
  return (
    <Group gap={4} justify={justify}>
      {actions.map((action) => {
        if (!action) return null;
        const props = {
          size: 'compact-xs',
          variant: action.variant ?? 'light',
          color: action.danger ? 'red' : undefined,
          loading: action.loading,
          disabled: action.disabled,
          'aria-label': action.ariaLabel,
        } as const;
        if (action.to !== undefined)
          return (
            <Button key={action.ariaLabel} {...props} component={Link} to={action.to}>
              {action.label}
            </Button>
          );
        if (action.href !== undefined)
          return (
            <Button key={action.ariaLabel} {...props} component="a" href={action.href} download={action.download}>
              {action.label}
            </Button>
          );
        return (
          <Button key={action.ariaLabel} {...props} onClick={action.onClick}>
            {action.label}
          </Button>
        );
      })}
    </Group>
  );
}
