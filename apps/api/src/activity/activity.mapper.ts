import type { ActivityAction, ActivityEntityType, Changes } from '@app/activity';
import type { Prisma } from '@app/db';
import type { UserRefDto } from '../common/user-ref.dto';
import type { RequestRefDto, SubjectRefDto } from '../responses/dto/response.dto';
import type { ActivityEventDto } from './dto/activity.dto';

export const activityInclude = { actor: { select: { id: true, name: true } } } as const;

export type ActivityEventRow = Prisma.ActivityEventGetPayload<{ include: typeof activityInclude }>;

/** What a page of events is about, loaded once for the page. */
export interface ActivityContext {
  responses: Map<string, { subject: SubjectRefDto; request: RequestRefDto }>;
  subjects: Map<string, SubjectRefDto>;
  requests: Map<string, RequestRefDto>;
  people: Map<string, UserRefDto>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** The ids an event's changes hold as values (people, responses): plain ids or lists of them. */
export function idsInChanges(changes: Changes | null): string[] {
  const values = Object.values(changes ?? {}).flatMap((c) => [c.before, c.after].flat());
  return values.filter(isUuid);
}

/** The response an event is about: its own, or the one a comment or evidence link names. */
export function responseIdOf(e: Pick<ActivityEventRow, 'entityType' | 'entityId' | 'changes'>): string | null {
  if (e.entityType === 'response') return e.entityId;
  const named = (e.changes as Changes | null)?.responseId;
  const id = named?.after ?? named?.before;
  return typeof id === 'string' ? id : null;
}

export function mapActivityEvent(e: ActivityEventRow, context: ActivityContext): ActivityEventDto {
  const changes = (e.changes as Changes | null) ?? null;
  const responseId = responseIdOf(e);
  const response = responseId ? context.responses.get(responseId) : undefined;
  const subject = e.entityType === 'subject' ? context.subjects.get(e.entityId) : response?.subject;
  const ownRequest = e.entityType === 'request' || e.entityType === 'disposition';
  const request = ownRequest ? context.requests.get(e.entityId) : response?.request;
  const people = [...new Set(idsInChanges(changes))].flatMap((id) => context.people.get(id) ?? []);
  return {
    id: e.id.toString(),
    occurredAt: e.occurredAt,
    actor: e.actor,
    // Stored as text, but written only by recordActivity, which takes catalog words alone.
    entityType: e.entityType as ActivityEntityType,
    entityId: e.entityId,
    action: e.action as ActivityAction,
    changes,
    subject: subject ?? null,
    request: request ?? null,
    people,
  };
}
