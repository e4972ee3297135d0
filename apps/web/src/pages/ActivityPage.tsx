import { Badge, Card, Code, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import {
  ACTIVITY_ACTION_LABEL,
  ACTIVITY_CATALOG,
  ACTIVITY_ENTITY_TYPE_LABEL,
  AUDIT_ACTIVITY_ENTITY_TYPES,
  type ActivityAction,
  type ActivityEntityType,
} from '@app/activity/activity-catalog';
import type { ActivityEvent } from '../api/client';
import { useActivity, useMembers } from '../api/queries';
import { useCurrentAudit, useCurrentUser } from '../components/layout';
import { Pages } from '../components/pagination';
import { Empty, QueryState } from '../components/states';
import { formatInstant } from '../lib/dates';

/**
 * The "What" filter: every entity type an audit's history can hold, as people read it
 * (sessions, API tokens and user accounts are recorded with no audit, so never appear here).
 */
export const ENTITY_TYPE_OPTIONS = AUDIT_ACTIVITY_ENTITY_TYPES.map((value) => ({
  value,
  label: ACTIVITY_ENTITY_TYPE_LABEL[value],
}));

/** The "Action" filter: the actions recorded for the chosen entity type, or for any of them. */
export function actionOptions(entityType: ActivityEntityType | null) {
  const types = entityType ? [entityType] : AUDIT_ACTIVITY_ENTITY_TYPES;
  const actions = new Set(types.flatMap((type): readonly ActivityAction[] => ACTIVITY_CATALOG[type].actions));
  return [...actions].map((value) => ({ value, label: ACTIVITY_ACTION_LABEL[value] }));
}

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
  const [entityType, setEntityType] = useState<ActivityEntityType | null>(null);
  const [actorId, setActorId] = useState<string | null>(null);
  const [action, setAction] = useState<ActivityAction | null>(null);
  const actions = actionOptions(entityType);
  const [page, setPage] = useState(1);
  const names = new Map((members.data?.items ?? []).map((m) => [m.userId, m.name]));
  const activity = useActivity(audit.id, {
    entityType: entityType ?? undefined,
    actorId: actorId ?? undefined,
    action: action ?? undefined,
    page,
  });

  return (
    <Stack>
      <Card withBorder padding="md" radius="md" component="section" aria-label="Filters">
        <Group align="flex-end">
          <Select
            label="What"
            placeholder="Everything"
            data={ENTITY_TYPE_OPTIONS}
            value={entityType}
            onChange={(type) => {
              setEntityType(type);
              // An action the new entity type never records would match nothing.
              if (action && !actionOptions(type).some((option) => option.value === action)) setAction(null);
              setPage(1);
            }}
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
          <Select
            label="Action"
            placeholder="Any action"
            data={actions}
            value={action}
            onChange={(v) => (setAction(v), setPage(1))}
            clearable
            searchable
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
                            {ACTIVITY_ENTITY_TYPE_LABEL[event.entityType]}
                          </Badge>
                          <Text size="sm">{ACTIVITY_ACTION_LABEL[event.action]}</Text>
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
