import type { Prisma } from '@app/db';
import type { SubjectDto } from './dto/subject.dto';

export const subjectInclude = { owner: { select: { id: true, name: true } } } as const;

export type SubjectRow = Prisma.SubjectGetPayload<{ include: typeof subjectInclude }>;

export const mapSubject = (s: SubjectRow): SubjectDto => ({
  id: s.id,
  name: s.name,
  position: s.position,
  product: s.product,
  description: s.description,
  owner: s.owner,
});
