import type { Changes } from '@app/activity';
import type { Prisma } from '@app/db';
import type { ActivityEventDto } from './dto/activity.dto';

export const activityInclude = { actor: { select: { id: true, name: true } } } as const;

export type ActivityEventRow = Prisma.ActivityEventGetPayload<{ include: typeof activityInclude }>;

export const mapActivityEvent = (e: ActivityEventRow): ActivityEventDto => ({
  id: e.id.toString(),
  occurredAt: e.occurredAt,
  actor: e.actor,
  entityType: e.entityType,
  entityId: e.entityId,
  action: e.action,
  changes: (e.changes as Changes | null) ?? null,
});
