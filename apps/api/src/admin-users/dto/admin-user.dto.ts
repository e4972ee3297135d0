import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { OrgRole, UserState } from '@app/domain';
import { PageMetaDto, PageQueryDto } from '../../common/pagination.dto';
import { Optional, RequiredText, Trim } from '../../common/dto-decorators';
import { NewPassword, TimeZoneName } from '../../auth/dto/auth.dto';
import { LinkSentDto } from '../../invitations/dto/invitation.dto';

export class AdminUserQueryDto extends PageQueryDto {
  /** Part of a name or email. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @IsOptional()
  @IsEnum(UserState, { message: 'state must be one of ACTIVE, INVITED, DEACTIVATED' })
  @ApiProperty({ enum: UserState, enumName: 'UserState', required: false })
  state?: UserState;
}

export class AdminUserDto {
  id: string;
  email: string;
  name: string;
  timeZone: string;
  @ApiProperty({ enum: OrgRole, enumName: 'OrgRole' })
  orgRole: OrgRole;
  /** Whether they may open new audits (org admins always may, whatever this says). */
  canOpenAudits: boolean;
  /** ACTIVE, INVITED (has not accepted the invitation: cannot log in) or DEACTIVATED. */
  @ApiProperty({ enum: UserState, enumName: 'UserState' })
  state: UserState;
  /** The last login (password, or accepting an invitation); null if never. */
  lastLoginAt: Date | null;
  invitedAt: Date | null;
  createdAt: Date;
}

export class AdminUserPageDto extends PageMetaDto {
  items: AdminUserDto[];
}

export class CreateAdminUserDto {
  /** @example "maria.santos@firm.example.com" */
  @Trim()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @RequiredText(200)
  name: string;

  @Optional()
  @IsEnum(OrgRole, { message: 'orgRole must be one of ADMIN, MEMBER' })
  @ApiProperty({ enum: OrgRole, enumName: 'OrgRole', required: false, default: OrgRole.MEMBER })
  orgRole?: OrgRole;

  /** Allows a member to open new audits; false when omitted (org admins always may). */
  @Optional()
  @IsBoolean({ message: 'canOpenAudits must be true or false' })
  canOpenAudits?: boolean;

  /** IANA zone; UTC when omitted (an invited user chooses theirs when accepting). */
  @Optional()
  @TimeZoneName()
  timeZone?: string;

  /**
   * A temporary password to hand over yourself: the account is active at once. Omit it and
   * the person is emailed an invitation link (7 days) to choose their own instead.
   */
  @Optional()
  @NewPassword()
  temporaryPassword?: string;
}

export class CreatedAdminUserDto extends AdminUserDto {
  /** The emailed invitation, when no temporary password was given. */
  invitation: LinkSentDto | null;
}

export class UpdateAdminUserDto {
  @Optional()
  @RequiredText(200)
  name?: string;

  @Optional()
  @IsEnum(OrgRole, { message: 'orgRole must be one of ADMIN, MEMBER' })
  @ApiProperty({ enum: OrgRole, enumName: 'OrgRole', required: false })
  orgRole?: OrgRole;

  /** true allows a member to open new audits, false takes that away (org admins always may). */
  @Optional()
  @IsBoolean({ message: 'canOpenAudits must be true or false' })
  canOpenAudits?: boolean;

  /** false deactivates: the user's sessions and API tokens stop working at once. true reactivates. */
  @Optional()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export class PasswordResetInfoDto {
  email: string;
  name: string;
  expiresAt: Date;
}

export class SetNewPasswordDto {
  /** At least 10 characters. */
  @NewPassword()
  password: string;
}
