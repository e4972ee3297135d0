import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsEnum, IsOptional, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { AuditRole, UserState } from '@app/domain';
import { PageMetaDto } from '../../common/pagination.dto';
import { Trim } from '../../common/dto-decorators';

export class AddMemberDto {
  /** The user to add, by id; or give `email` instead. */
  @ValidateIf((o: AddMemberDto) => o.userId !== undefined || o.email === undefined)
  @IsUUID()
  userId?: string;

  /** The user to add, by email; or give `userId` instead. */
  @ValidateIf((o: AddMemberDto) => o.email !== undefined || o.userId === undefined)
  @Trim()
  @IsEmail()
  @MaxLength(320)
  email?: string;

  @IsEnum(AuditRole)
  @ApiProperty({ enum: AuditRole, enumName: 'AuditRole' })
  role: AuditRole;
}

/** A new role, the signer role given or withdrawn, or both; at least one of them. */
export class UpdateMemberDto {
  @ValidateIf((o: UpdateMemberDto) => o.role !== undefined || o.canCertify === undefined)
  @IsEnum(AuditRole)
  @ApiProperty({ enum: AuditRole, enumName: 'AuditRole', required: false })
  role?: AuditRole;

  /** Gives (true) or withdraws (false) the signer role: who certifies the submitted response. */
  @IsOptional()
  @IsBoolean()
  canCertify?: boolean;
}

export class MemberDto {
  userId: string;
  name: string;
  email: string;
  timeZone: string;
  @ApiProperty({ enum: AuditRole, enumName: 'AuditRole' })
  role: AuditRole;
  /** INVITED: has not accepted the invitation yet (cannot log in; it can be resent). */
  @ApiProperty({ enum: UserState, enumName: 'UserState' })
  state: UserState;
  /** Holds the signer role for this audit: certifies the submitted response as the officer. */
  canCertify: boolean;
  addedAt: Date;
}

export class MemberPageDto extends PageMetaDto {
  items: MemberDto[];
}

export class MemberQueryDto {
  @IsOptional()
  @IsEnum(AuditRole)
  @ApiProperty({ enum: AuditRole, enumName: 'AuditRole', required: false })
  role?: AuditRole;
}
