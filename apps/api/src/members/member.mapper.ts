import type { Prisma } from '@app/db';
import { userState } from '@app/domain';
import type { MemberDto } from './dto/member.dto';

export const memberInclude = {
  user: { select: { name: true, email: true, timeZone: true, active: true, invitedAt: true, passwordHash: true } },
} as const;

export type MemberRow = Prisma.AuditMemberGetPayload<{ include: typeof memberInclude }>;

export const mapMember = (m: MemberRow): MemberDto => ({
  userId: m.userId,
  name: m.user.name,
  email: m.user.email,
  timeZone: m.user.timeZone,
  role: m.role,
  state: userState({ active: m.user.active, invitedAt: m.user.invitedAt, hasPassword: m.user.passwordHash !== null }),
  canCertify: m.canCertify,
  addedAt: m.createdAt,
});
