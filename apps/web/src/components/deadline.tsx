import { Group, Stack, Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import { type DeadlineSubject, describeDeadline, formatInstant } from '../lib/dates';

/** Re-renders every `intervalMs` with the current time. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

// Dark shades: readable (4.5:1 and more) on white and on the light card backgrounds.
const TONE_COLOR = { done: 'gray.8', ahead: 'blue.9', near: 'orange.9', overdue: 'red.9' } as const;

/**
 * The deadline as a live sentence: how long is left, that it passed, or that the response went
 * out. `readerZone` where no deadline in the reader's time is shown beside it (the audit's header).
 */
export function Countdown({
  audit,
  size = 'sm',
  readerZone,
}: {
  audit: DeadlineSubject;
  size?: 'xs' | 'sm' | 'md' | 'lg';
  readerZone?: string;
}) {
  // Minutes are the finest unit shown.
  const now = useNow(30_000);
  const { text, tone } = describeDeadline(audit, now, readerZone);
  // role="timer": assistive tech does not announce every change.
  return (
    // Text, not a badge: a badge cuts a long sentence short.
    <Text role="timer" size={size} fw={600} c={TONE_COLOR[tone]}>
      {text}
    </Text>
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
