import type { ApiToken, User } from '@app/db';
import type { ApiTokenDto, UserDto } from './dto/auth.dto';

export const mapUser = (
  user: Pick<User, 'id' | 'email' | 'name' | 'timeZone' | 'orgRole' | 'canOpenAudits'>,
): UserDto => ({
  id: user.id,
  email: user.email,
  name: user.name,
  timeZone: user.timeZone,
  orgRole: user.orgRole,
  canOpenAudits: user.canOpenAudits,
});

export const mapApiToken = (token: ApiToken): ApiTokenDto => ({
  id: token.id,
  name: token.name,
  createdAt: token.createdAt,
  lastUsedAt: token.lastUsedAt,
  expiresAt: token.expiresAt,
});
