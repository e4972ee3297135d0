import type { Prisma } from '@app/db';
import { mapProvision } from '../provisions/provision.mapper';
import type { RequestDto } from './dto/request.dto';

export const requestInclude = { provision: true, chosenSubjects: { select: { subjectId: true } } } as const;

export type RequestRow = Prisma.AuditRequestGetPayload<{ include: typeof requestInclude }>;

export const mapRequest = (r: RequestRow): RequestDto => ({
  id: r.id,
  ordinal: r.ordinal,
  title: r.title,
  text: r.text,
  provision: r.provision ? mapProvision(r.provision) : null,
  appliesToAll: r.appliesToAll,
  subjectIds: r.appliesToAll ? [] : r.chosenSubjects.map((c) => c.subjectId),
});
