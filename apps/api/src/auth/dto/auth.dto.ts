import { IsEmail, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { OrgRole } from '@app/domain';
import { Trim } from '../../common/dto-decorators';

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
