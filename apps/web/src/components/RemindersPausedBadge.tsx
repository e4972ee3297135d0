import { Badge, Tooltip, VisuallyHidden } from '@mantine/core';
import type { ReminderPause } from '../api/client';
import { formatInstant } from '../lib/dates';

/**
 * The audit header's sign that counsel paused the audit's reminders, on every tab: who, when
 * and why in a tooltip (focusable, so the keyboard reaches it too) and in the badge's own
 * text for screen readers. The banner on the overview and reminders pages resumes them.
 */
export function RemindersPausedBadge({ pause, timeZone }: { pause: ReminderPause; timeZone: string }) {
  if (!pause.paused) return null;
  const detail = [
    'Paused',
    pause.pausedBy && `by ${pause.pausedBy.name}`,
    pause.since && `on ${formatInstant(pause.since, timeZone)}`,
  ]
    .filter(Boolean)
    .join(' ');
  const explanation = `${detail}: ${pause.reason ?? 'no reason given'}`;
  return (
    <Tooltip label={explanation} multiline maw={320} events={{ hover: true, focus: true, touch: true }}>
      <Badge variant="light" color="orange" tabIndex={0}>
        Reminders paused
        <VisuallyHidden>. {explanation}</VisuallyHidden>
      </Badge>
    </Tooltip>
  );
}
