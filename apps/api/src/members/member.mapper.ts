import type { Prisma } from '@app/db';
import type { MemberDto } from './dto/member.dto';

export const memberInclude = { user: { select: { name: true, email: true, timeZone: true } } } as const;

export type MemberRow = Prisma.AuditMemberGetPayload<{ include: typeof memberInclude }>;

export const mapMember = (m: MemberRow): MemberDto => ({
  userId: m.userId,
  name: m.user.name,
  email: m.user.email,
  timeZone: m.user.timeZone,
  role: m.role,
  addedAt: m.createdAt,
});
