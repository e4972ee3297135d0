import type { User } from '@app/db';
import { userState } from '@app/domain';
import type { AdminUserDto } from './dto/admin-user.dto';

export const mapAdminUser = (user: User): AdminUserDto => ({
  id: user.id,
  email: user.email,
  name: user.name,
  timeZone: user.timeZone,
  orgRole: user.orgRole,
  canOpenAudits: user.canOpenAudits,
  state: userState({ active: user.active, invitedAt: user.invitedAt, hasPassword: user.passwordHash !== null }),
  lastLoginAt: user.lastLoginAt,
  invitedAt: user.invitedAt,
  createdAt: user.createdAt,
});
