import { Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import { describeTimeLeft, formatInstant, timeLeft } from '../lib/dates';

/** Re-renders every `intervalMs` with the current time. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** A live countdown to the deadline (or how long ago it passed). */
export function Countdown({ deadline, size = 'sm' }: { deadline: string; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const now = useNow();
  const parts = timeLeft(deadline, now);
  const color = parts.passed ? 'red' : parts.days < 3 ? 'orange' : 'blue';
  // role="timer": assistive tech does not announce every tick.
  return (
    <Badge
      role="timer"
      size={size}
      color={color}
      variant="light"
      style={{ textTransform: 'none', fontVariantNumeric: 'tabular-nums' }}
    >
      {describeTimeLeft(parts)}
    </Badge>
  );
}

/** The deadline in the audit's zone (the one that counts) and in the reader's zone. */
export function DeadlineText({ at, auditZone, userZone }: { at: string; auditZone: string; userZone: string }) {
  return (
    <Stack gap={2}>
      <Group gap="xs" wrap="nowrap">
        <Text fw={600} size="sm">
          {formatInstant(at, auditZone)}
        </Text>
        <Tooltip label="The audit's time zone: the deadline is meant in this zone">
          <Text size="xs" c="dimmed" tabIndex={0}>
            {auditZone}
          </Text>
        </Tooltip>
      </Group>
      {userZone !== auditZone && (
        <Text size="xs" c="dimmed">
          {formatInstant(at, userZone)} your time ({userZone})
        </Text>
      )}
    </Stack>
  );
}
