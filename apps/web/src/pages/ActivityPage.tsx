import { Badge, Card, Code, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ActivityEvent } from '../api/client';
import { useActivity, useMembers } from '../api/queries';
import { useCurrentAudit, useCurrentUser } from '../components/layout';
import { Pages } from '../components/pagination';
import { Empty, QueryState } from '../components/states';
import { formatInstant } from '../lib/dates';

const ENTITY_TYPES = ['audit', 'member', 'provision', 'subject', 'request', 'response', 'comment'];

const show = (value: unknown): string =>
  value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);

/** The changed fields; ids of people show as their names. */
function Changes({ changes, names }: { changes: ActivityEvent['changes']; names: Map<string, string> }) {
  if (!changes || Object.keys(changes).length === 0) return null;
  const value = (v: unknown) => (typeof v === 'string' && names.has(v) ? names.get(v)! : show(v));
  return (
    <Stack gap={2}>
      {Object.entries(changes).map(([field, change]) => (
        <Text key={field} size="xs">
          <Code>{field}</Code> {value(change.before).slice(0, 80)} →{' '}
          <strong>{value(change.after).slice(0, 120)}</strong>
        </Text>
      ))}
    </Stack>
  );
}

export function ActivityPage() {
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const members = useMembers(audit.id);
  const [entityType, setEntityType] = useState<string | null>(null);
  const [actorId, setActorId] = useState<string | null>(null);
  const [action, setAction] = useState('');
  const [page, setPage] = useState(1);
  const names = new Map((members.data?.items ?? []).map((m) => [m.userId, m.name]));
  const activity = useActivity(audit.id, {
    entityType: entityType ?? undefined,
    actorId: actorId ?? undefined,
    action: action.trim() || undefined,
    page,
  });

  return (
    <Stack>
      <Card withBorder padding="md" radius="md" component="section" aria-label="Filters">
        <Group align="flex-end">
          <Select
            label="What"
            placeholder="Everything"
            data={ENTITY_TYPES}
            value={entityType}
            onChange={(v) => (setEntityType(v), setPage(1))}
            clearable
          />
          <Select
            label="Who"
            placeholder="Anyone"
            data={(members.data?.items ?? []).map((m) => ({ value: m.userId, label: m.name }))}
            value={actorId}
            onChange={(v) => (setActorId(v), setPage(1))}
            clearable
            searchable
          />
          <TextInput
            label="Action"
            placeholder="e.g. updated"
            value={action}
            onChange={(e) => (setAction(e.currentTarget.value), setPage(1))}
          />
        </Group>
      </Card>
      <QueryState query={activity} label="Loading the history…">
        {(result) =>
          result.items.length === 0 ? (
            <Empty title="No activity matches" />
          ) : (
            <Card withBorder padding={0} radius="md">
              <Table striped verticalSpacing="xs" aria-label="Audit history">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>When ({me.timeZone})</Table.Th>
                    <Table.Th>Who</Table.Th>
                    <Table.Th>What</Table.Th>
                    <Table.Th>Changes</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.items.map((event) => (
                    <Table.Tr key={event.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm">{formatInstant(event.occurredAt, me.timeZone, false)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{event.actor?.name ?? 'System'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Badge variant="light" color="gray" size="sm">
                            {event.entityType}
                          </Badge>
                          <Text size="sm">{event.action.replace(/_/g, ' ')}</Text>
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Changes changes={event.changes} names={names} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {result.total > result.pageSize && (
                <Group justify="center" p="sm">
                  <Pages
                    total={Math.ceil(result.total / result.pageSize)}
                    value={page}
                    onChange={setPage}
                    label="Pages of history"
                  />
                </Group>
              )}
            </Card>
          )
        }
      </QueryState>
    </Stack>
  );
}
