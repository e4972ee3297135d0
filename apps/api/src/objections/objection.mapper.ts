import type { Prisma } from '@app/db';
import type { ObjectionDto } from './dto/objection.dto';

export const objectionInclude = { _count: { select: { raisedIn: true } } } as const;

export type ObjectionRow = Prisma.ObjectionGetPayload<{ include: typeof objectionInclude }>;

export const mapObjection = (o: ObjectionRow): ObjectionDto => ({
  id: o.id,
  code: o.code,
  title: o.title,
  wording: o.wording,
  usedBy: o._count.raisedIn,
  updatedAt: o.updatedAt,
});
