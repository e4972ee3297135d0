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
import { RESPONSE_STATUS_LABEL, type EvidenceKind } from '@app/domain/enums';
import type { ActivityEvent, AuditRole, AuditStatus, ResponseStatus } from '../api/client';
import { useActivity, useMembers } from '../api/queries';
import { useCurrentAudit, useCurrentUser } from '../components/layout';
import { Pages } from '../components/pagination';
import { Empty, QueryState } from '../components/states';
import { formatDay, formatInstant } from '../lib/dates';
import { formatBytes } from '../lib/format';
import { AUDIT_STATUS_LABEL, ROLE_LABEL } from '../lib/status';
import { fieldLabel } from '../lib/messages';

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

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const EVIDENCE_KIND_LABEL: Record<EvidenceKind, string> = { FILE: 'File', LINK: 'Link', NOTE: 'Note' };

/**
 * Recorded values that are codes, read as the rest of the app shows them: by the entity type
 * and field ("response.status"), or by the field alone. A code not listed reads as recorded.
 */
const CODED_VALUES: Record<string, (value: unknown) => string | undefined> = {
  'response.status': (v) => RESPONSE_STATUS_LABEL[v as ResponseStatus],
  'audit.status': (v) => AUDIT_STATUS_LABEL[v as AuditStatus],
  'evidence.kind': (v) => EVIDENCE_KIND_LABEL[v as EvidenceKind],
  role: (v) => ROLE_LABEL[v as AuditRole],
  sizeBytes: (v) => (typeof v === 'number' ? formatBytes(v) : undefined),
  // The responses a record backs: the line names the record; how many is what a reader needs.
  responseIds: (v) =>
    Array.isArray(v) && v.length > 0 ? `${v.length} response${v.length === 1 ? '' : 's'}` : undefined,
};

/** How a field's recorded value reads, where it is a code (`CODED_VALUES`); undefined otherwise. */
const codedValue = (entityType: string, field: string, value: unknown): string | undefined =>
  (CODED_VALUES[`${entityType}.${field}`] ?? CODED_VALUES[field])?.(value);

/** How a recorded value reads: names for people, instants in the reader's zone, days as days. */
export function readValue(
  value: unknown,
  names: ReadonlyMap<string, string>,
  timeZone: string,
  coded?: (value: unknown) => string | undefined,
): string {
  if (value === null || value === undefined || value === '') return '—';
  const word = coded?.(value);
  if (word !== undefined) return word;
  if (Array.isArray(value))
    return value.length === 0 ? '—' : value.map((v) => readValue(v, names, timeZone, coded)).join(', ');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value !== 'string')
    return typeof value === 'number' ? value.toLocaleString('en-US') : JSON.stringify(value);
  if (names.has(value)) return names.get(value)!;
  // A record the line already names (its subject and request), or one no longer there.
  if (ID.test(value)) return 'a record';
  if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatInstant(value, timeZone);
  if (DAY.test(value)) return formatDay(value);
  return value;
}

/** Two texts that differ only in spaces, tabs or line breaks. */
export const onlyWhitespaceDiffers = (before: unknown, after: unknown): boolean =>
  typeof before === 'string' &&
  typeof after === 'string' &&
  before !== after &&
  before.replace(/\s+/g, '') === after.replace(/\s+/g, '');

const clip = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/** The changed fields by their labels; ids of people show as their names, times in the reader's zone. */
export function Changes({
  entityType,
  changes,
  names,
  timeZone,
}: {
  entityType: string;
  changes: ActivityEvent['changes'];
  names: ReadonlyMap<string, string>;
  timeZone: string;
}) {
  if (!changes || Object.keys(changes).length === 0) return null;
  const read = (field: string, v: unknown) =>
    readValue(v, names, timeZone, (value) => codedValue(entityType, field, value));
  return (
    <Stack gap={2}>
      {Object.entries(changes).map(([field, change]) => (
        <Text key={field} size="xs">
          <Text span fw={600} size="xs">
            {change.label ?? fieldLabel(field)}:
          </Text>{' '}
          {onlyWhitespaceDiffers(change.before, change.after) ? (
            <em>whitespace changed</em>
          ) : (
            <>
              {clip(read(field, change.before), 80)} → <strong>{clip(read(field, change.after), 120)}</strong>
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
