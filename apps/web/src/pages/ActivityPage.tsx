import { Badge, Card, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import {
  ACTIVITY_ACTION_LABEL,
  ACTIVITY_ENTITY_TYPE_LABEL,
  AUDIT_ACTIVITY_ENTITY_TYPES,
  auditHistoryActions,
  type ActivityAction,
  type ActivityEntityType,
} from '@app/activity/activity-catalog';
import type { ActivityEvent } from '../api/client';
import { useActivity, useMembers } from '../api/queries';
import { useCurrentAudit, useCurrentUser } from '../components/layout';
import { Pages } from '../components/pagination';
import { Empty, QueryState } from '../components/states';
import { readChanges } from '../lib/activity-changes';
import { formatInstant } from '../lib/dates';

/**
 * The "What" filter: every entity type an audit's history can hold, as people read it
 * (sessions, API tokens, templates and the objection library are recorded with no audit, so
 * never appear here; a user appears when inviting them into the audit created their account).
 */
export const ENTITY_TYPE_OPTIONS = AUDIT_ACTIVITY_ENTITY_TYPES.map((value) => ({
  value,
  label: ACTIVITY_ENTITY_TYPE_LABEL[value],
}));

/** The "Action" filter: the actions recorded for the chosen entity type, or for any of them. */
export function actionOptions(entityType: ActivityEntityType | null) {
  const types = entityType ? [entityType] : AUDIT_ACTIVITY_ENTITY_TYPES;
  const actions = new Set(types.flatMap(auditHistoryActions));
  return [...actions].map((value) => ({ value, label: ACTIVITY_ACTION_LABEL[value] }));
}

/** Narrower than this, the Changes column wraps a word a line: the table scrolls instead. */
const HISTORY_MIN_WIDTH = 760;

const clip = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/** The changed fields by their labels, each value in the words the rest of the UI uses for it. */
export function Changes({
  entityType,
  changes,
  names,
  timeZone,
}: {
  entityType: ActivityEntityType;
  changes: ActivityEvent['changes'];
  names: ReadonlyMap<string, string>;
  timeZone: string;
}) {
  const lines = readChanges(entityType, changes, { names, timeZone });
  if (lines.length === 0) return null;
  return (
    <Stack gap={2}>
      {lines.map((line) => (
        <Text key={line.field} size="xs">
          <Text span fw={600} size="xs">
            {line.label}:
          </Text>{' '}
          {line.whitespaceOnly ? (
            <em>whitespace changed</em>
          ) : (
            <>
              {clip(line.before, 80)} → <strong>{clip(line.after, 120)}</strong>
            </>
          )}
        </Text>
      ))}
    </Stack>
  );
}

/** Which subject and request a line is about, e.g. "Xbox One Social · Request 3: Data held". */
export const aboutLine = (event: Pick<ActivityEvent, 'subject' | 'request'>): string | null =>
  [event.subject?.name, event.request && `Request ${event.request.ordinal}: ${event.request.title}`]
    .filter(Boolean)
    .join(' · ') || null;

export function ActivityPage() {
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const members = useMembers(audit.id);
  const [entityType, setEntityType] = useState<ActivityEntityType | null>(null);
  const [actorId, setActorId] = useState<string | null>(null);
  const [action, setAction] = useState<ActivityAction | null>(null);
  const actions = actionOptions(entityType);
  const [page, setPage] = useState(1);
  const memberNames = (members.data?.items ?? []).map((m): [string, string] => [m.userId, m.name]);
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
              {/* The card hides what overflows it: on a phone the table scrolls sideways in here
                  instead. Its rows hold nothing focusable, so the region itself takes focus (and
                  a name) for keyboards to scroll it. */}
              <div
                role="region"
                aria-label="Audit history, scrolls sideways"
                tabIndex={0}
                style={{ overflowX: 'auto' }}
              >
                <Table striped verticalSpacing="xs" aria-label="Audit history" miw={HISTORY_MIN_WIDTH}>
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
                          {aboutLine(event) && (
                            <Text size="xs" c="dimmed">
                              {aboutLine(event)}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Changes
                            entityType={event.entityType}
                            changes={event.changes}
                            // The people the event names (the API resolves them, members or not), then members.
                            names={
                              new Map([...memberNames, ...event.people.map((p): [string, string] => [p.id, p.name])])
                            }
                            timeZone={me.timeZone}
                          />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </div>
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
