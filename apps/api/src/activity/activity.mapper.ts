import type { ActivityAction, ActivityEntityType, Changes } from '@app/activity';
import type { Prisma } from '@app/db';
import type { ActivityEventDto } from './dto/activity.dto';

export const activityInclude = { actor: { select: { id: true, name: true } } } as const;

export type ActivityEventRow = Prisma.ActivityEventGetPayload<{ include: typeof activityInclude }>;

export const mapActivityEvent = (e: ActivityEventRow): ActivityEventDto => ({
  id: e.id.toString(),
  occurredAt: e.occurredAt,
  actor: e.actor,
  // Stored as text, but written only by recordActivity, which takes catalog words alone.
  entityType: e.entityType as ActivityEntityType,
  entityId: e.entityId,
  action: e.action as ActivityAction,
  changes: (e.changes as Changes | null) ?? null,
});
