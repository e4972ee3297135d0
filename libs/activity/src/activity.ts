import type { Prisma } from '@app/db';
import type { ActivityAction, ActivityEntityType } from './activity-catalog';

// The append-only activity log. Every write records its event through recordActivity,
// inside the same transaction as the write, so the log never disagrees with the data.

/**
 * A changed field's values. `label` names what changed where the key cannot: a form field is
 * recorded under `formValues.<key>`, and its label is the form's, not one the UI knows.
 */
export interface FieldChange {
  before: unknown;
  after: unknown;
  label?: string;
}
export type Changes = Record<string, FieldChange>;

/** What an event is about: an entity type of the catalog and one of the actions recorded for it. */
export type ActivitySubject = {
  [E in ActivityEntityType]: { entityType: E; action: ActivityAction<E> };
}[ActivityEntityType];

export type ActivityInput = ActivitySubject & {
  actorId: string | null;
  auditId: string | null;
  entityId: string;
  changes?: Changes | null;
};

type ActivityWriter = { activityEvent: { create(args: { data: Prisma.ActivityEventUncheckedCreateInput }): unknown } };

export async function recordActivity(tx: ActivityWriter, event: ActivityInput): Promise<void> {
  await tx.activityEvent.create({
    data: {
      actorId: event.actorId,
      auditId: event.auditId,
      entityType: event.entityType,
      entityId: event.entityId,
      action: event.action,
      changes: (event.changes ?? undefined) as Prisma.InputJsonValue | undefined,
    },
  });
}

const comparable = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value);

/**
 * The fields whose value differs between two versions of a row, with both values.
 * A field that is undefined in `after` was not touched and is not a change.
 */
export function diffFields<T extends object>(before: T, after: Partial<T>): Changes {
  const changes: Changes = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (after[key] === undefined) continue;
    const from = comparable(before[key] ?? null);
    const to = comparable(after[key] ?? null);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key as string] = { before: from, after: to };
  }
  return changes;
}

/** Changes that describe a newly created row: every given field from null. */
export function creationChanges(values: Record<string, unknown>): Changes {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => [k, { before: null, after: comparable(v) }]),
  );
}

/** Changes that describe a deleted row: every given field to null. */
export function deletionChanges(values: Record<string, unknown>): Changes {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => [k, { before: comparable(v), after: null }]),
  );
}

type ActivityBatchWriter = {
  activityEvent: { createMany(args: { data: Prisma.ActivityEventUncheckedCreateInput[] }): unknown };
};

/** Records many events in one INSERT (a bulk change: one event per row it changed), in the caller's transaction. */
export async function recordActivities(tx: ActivityBatchWriter, events: readonly ActivityInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx.activityEvent.createMany({
    data: events.map((event) => ({
      actorId: event.actorId,
      auditId: event.auditId,
      entityType: event.entityType,
      entityId: event.entityId,
      action: event.action,
      changes: (event.changes ?? undefined) as Prisma.InputJsonValue | undefined,
    })),
  });
}
