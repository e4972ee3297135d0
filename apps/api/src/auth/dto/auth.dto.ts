import { applyDecorators } from '@nestjs/common';
import { IsEmail, IsInt, IsOptional, IsString, IsTimeZone, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '@app/accounts';
import { OrgRole } from '@app/domain';
import { Optional, RequiredText, Trim } from '../../common/dto-decorators';

/** A new password: the same rule as the CLI and the seed (at least MIN_PASSWORD_LENGTH characters). */
export const NewPassword = () =>
  applyDecorators(
    IsString(),
    MinLength(MIN_PASSWORD_LENGTH, { message: `$property needs at least ${MIN_PASSWORD_LENGTH} characters` }),
    MaxLength(1024),
  );

/** An IANA time zone such as "Europe/Dublin". */
export const TimeZoneName = () =>
  applyDecorators(
    IsString(),
    IsTimeZone({ message: '$property must be an IANA time zone such as Europe/Dublin or America/New_York' }),
  );

export class LoginDto {
  /** @example "lead.counsel@example.com" */
  @IsEmail()
  @MaxLength(320)
  email: string;

  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;
}

export class UserDto {
  id: string;
  email: string;
  name: string;
  /** IANA time zone the user reads dates in. */
  timeZone: string;
  orgRole: OrgRole;
  /** An org admin allowed them to open new audits (org admins always may, whatever this says). */
  canOpenAudits: boolean;
}

/** Who is logged in, if anyone: what the web UI asks first. */
export class SessionDto {
  /** The logged-in user; null when the request carries no valid session or token. */
  user: UserDto | null;
}

export class UpdateProfileDto {
  /** @example "Maria Santos" */
  @Optional()
  @RequiredText(200)
  name?: string;

  /** IANA zone for dates and reminder times, e.g. "Europe/Dublin". */
  @Optional()
  @TimeZoneName()
  timeZone?: string;
}

export class ChangePasswordDto {
  @IsString()
  @MinLength(1, { message: 'currentPassword is required' })
  @MaxLength(1024)
  currentPassword: string;

  /** At least 10 characters. */
  @NewPassword()
  newPassword: string;
}

export class CreateApiTokenDto {
  /** What the token is for, e.g. "nightly export script". */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  /** Days until the token expires; omit for a token that lasts until revoked. */
  @IsOptional()
  @Min(1)
  @Max(3650)
  @IsInt()
  expiresInDays?: number;
}

export class ApiTokenDto {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

export class CreatedApiTokenDto extends ApiTokenDto {
  /** The secret, shown only in this response. Send it as "Authorization: Bearer <token>". */
  token: string;
}
