import { Badge, Group, Progress, Text, Tooltip } from '@mantine/core';
import type { ResponseStatus, Schemas } from '../api/client';
import { fillVar, RESPONSE_STATUSES, STATUS_COLOR, STATUS_FILL, STATUS_LABEL } from '../lib/status';

export function StatusBadge({ status, size = 'sm' }: { status: ResponseStatus; size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Badge color={STATUS_COLOR[status]} size={size} variant={status === 'NOT_STARTED' ? 'outline' : 'light'}>
      {STATUS_LABEL[status]}
    </Badge>
  );
}

/** One bar split by status, e.g. for a subject or a request. */
export function StatusBar({
  counts,
  total,
  label,
}: {
  counts: Schemas['StatusCountsDto'];
  total: number;
  label: string;
}) {
  const summary = RESPONSE_STATUSES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${STATUS_LABEL[s].toLowerCase()}`)
    .join(', ');
  return (
    <Progress.Root size="lg" aria-label={`${label}: ${summary || 'no responses'}`} role="img">
      {RESPONSE_STATUSES.filter((s) => counts[s] > 0).map((s) => (
        <Tooltip key={s} label={`${STATUS_LABEL[s]}: ${counts[s]}`}>
          <Progress.Section value={(counts[s] / Math.max(total, 1)) * 100} color={STATUS_FILL[s]} withAria={false} />
        </Tooltip>
      ))}
    </Progress.Root>
  );
}

export function StatusLegend() {
  return (
    <Group gap="md" aria-label="Status colours">
      {RESPONSE_STATUSES.map((s) => (
        <Group key={s} gap={6}>
          <span aria-hidden style={{ width: 12, height: 12, borderRadius: 3, background: fillVar(STATUS_FILL[s]) }} />
          <Text size="xs">{STATUS_LABEL[s]}</Text>
        </Group>
      ))}
    </Group>
  );
}

/** "34 of 48 done (70.8%)" with a bar. */
export function CompletionBar({ done, total, percent }: { done: number; total: number; percent: number }) {
  return (
    <div>
      <Group justify="space-between" mb={4}>
        <Text size="xs" c="dimmed">
          {done} of {total} done
        </Text>
        <Text size="xs" fw={600}>
          {percent}%
        </Text>
      </Group>
      <Progress value={percent} color="teal" size="md" aria-label={`${done} of ${total} responses done, ${percent}%`} />
    </div>
  );
}
