import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsEnum, MaxLength, ValidateNested } from 'class-validator';
import { AuditRole } from '@app/domain';
import { OptionalText, RequiredText, Trim } from '../../common/dto-decorators';
import { NewPassword, TimeZoneName } from '../../auth/dto/auth.dto';
import { MemberDto } from '../../members/dto/member.dto';

export class InviteMemberDto {
  /** @example "dana.ops@client.example.com" */
  @Trim()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @IsEnum(AuditRole, { message: 'role must be one of LEAD_COUNSEL, COUNSEL, CONTRIBUTOR, VIEWER' })
  @ApiProperty({ enum: AuditRole, enumName: 'AuditRole' })
  role: AuditRole;

  /** Shown until they choose their own name; defaults to the part of the email before "@". */
  @OptionalText(200)
  name?: string;
}

/** How many people one request may invite: a team pasted from an email, not a directory import. */
export const MAX_INVITEES = 100;

export class InviteMembersDto {
  /** Everyone to invite, each with their role; one transaction: all are invited, or none. */
  @IsArray()
  @ArrayMinSize(1, { message: 'people must name at least one person' })
  @ArrayMaxSize(MAX_INVITEES, { message: `people may name at most ${MAX_INVITEES} people at a time` })
  @ValidateNested({ each: true })
  @Type(() => InviteMemberDto)
  people: InviteMemberDto[];
}

export const InvitationOutcome = { ADDED: 'ADDED', INVITED: 'INVITED' } as const;
export type InvitationOutcome = (typeof InvitationOutcome)[keyof typeof InvitationOutcome];

/** A link that was emailed (or could not be: `mailSent` false, send it again). */
export class LinkSentDto {
  /** When the link stops working. */
  expiresAt: Date;
  /** Whether an SMTP server took the email. When false the link still exists: resend it. */
  mailSent: boolean;
}

export class InvitationResultDto {
  /**
   * ADDED: a known, active user became a member at once (no email). INVITED: the person has no
   * active account yet; they are a member in the INVITED state and got an email with a link.
   */
  @ApiProperty({ enum: InvitationOutcome, enumName: 'InvitationOutcome' })
  outcome: InvitationOutcome;
  member: MemberDto;
  /** The emailed link, when INVITED. */
  invitation: LinkSentDto | null;
}

export class InvitationsResultDto {
  /** One result per person, in the order they were sent. */
  results: InvitationResultDto[];
}

/** What the public invitation page shows. */
export class InvitationDto {
  email: string;
  /** The name the account has so far (the inviter's guess). */
  name: string;
  invitedBy: string | null;
  /** The audit they are invited to; null for an invitation to the organisation. */
  audit: InvitedAuditDto | null;
  expiresAt: Date;
}

export class InvitedAuditDto {
  title: string;
  referenceCode: string;
  @ApiProperty({ enum: AuditRole, enumName: 'AuditRole' })
  role: AuditRole;
}

export class AcceptInvitationDto {
  /** @example "Dana Ops" */
  @RequiredText(200)
  name: string;

  /** IANA zone for dates and reminder times, e.g. "Europe/Dublin". */
  @TimeZoneName()
  timeZone: string;

  /** At least 10 characters. */
  @NewPassword()
  password: string;
}
