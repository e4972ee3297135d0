import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { ANSWER_MAX_LENGTH, ResponseStatus } from '@app/domain';
import { PageMetaDto, PageQueryDto } from '../../common/pagination.dto';
import { IsCalendarDay, Optional, Trim } from '../../common/dto-decorators';
import { ProvisionDto } from '../../provisions/dto/provision.dto';
import { UserRefDto } from '../../common/user-ref.dto';
import { FormFieldDto } from '../../form-templates/dto/form-field.dto';

const toList = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : (Array.isArray(value) ? (value as unknown[]) : String(value as string).split(',')).map((v) =>
        typeof v === 'string' ? v.trim() : v,
      );

export class ResponseFilterDto {
  @IsOptional()
  @IsUUID()
  subjectId?: string;

  @IsOptional()
  @IsUUID()
  requestId?: string;

  /** One or more statuses, comma-separated or repeated. */
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(6)
  @IsEnum(ResponseStatus, { each: true })
  @ApiProperty({ enum: ResponseStatus, enumName: 'ResponseStatus', isArray: true, required: false })
  status?: ResponseStatus[];

  /** A user id, or "me" for the caller. */
  @IsOptional()
  @ValidateIf((o: ResponseFilterDto) => o.assigneeId !== 'me')
  @IsUUID()
  assigneeId?: string;

  /** Only open responses past their due date (or past the audit deadline when they have none). */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
}

export class ResponseQueryDto extends IntersectionType(ResponseFilterDto, PageQueryDto) {}

export class UpdateResponseDto {
  /** The version this change is based on; a stale version gets 409 and nothing is saved. */
  @Min(1)
  @IsInt()
  version: number;

  @IsOptional()
  @IsString()
  @MaxLength(ANSWER_MAX_LENGTH)
  answer?: string | null;

  @Optional()
  @IsEnum(ResponseStatus)
  @ApiProperty({ enum: ResponseStatus, enumName: 'ResponseStatus', required: false })
  status?: ResponseStatus;

  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  @IsOptional()
  @IsUUID()
  reviewerId?: string | null;

  /** Internal due date (YYYY-MM-DD), read in the audit's zone; null clears it. */
  @IsOptional()
  @IsCalendarDay()
  dueDate?: string | null;

  /**
   * Why the status moves, recorded in the activity log: required to reopen an approved answer
   * and to request changes (shown to the assignee); an optional sign-off note when approving.
   */
  @Optional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  statusReason?: string;

  /**
   * Values of the request's form by field key (only the keys sent change; null clears one).
   * Each is checked against its field's type: a bad one is a 400 naming `formValues.<key>`.
   */
  @Optional()
  @IsObject()
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  formValues?: Record<string, unknown>;
}

export class SubjectRefDto {
  id: string;
  name: string;
}

export class RequestRefDto {
  id: string;
  ordinal: number;
  title: string;
}

export class ResponseDto {
  id: string;
  subject: SubjectRefDto;
  request: RequestRefDto;
  @ApiProperty({ enum: ResponseStatus, enumName: 'ResponseStatus' })
  status: ResponseStatus;
  assignee: UserRefDto | null;
  reviewer: UserRefDto | null;
  /** Internal due date (YYYY-MM-DD) in the audit's zone. */
  dueDate: string | null;
  answer: string | null;
  /** Send this back with the next update. */
  version: number;
  overdue: boolean;
  approvedAt: Date | null;
  approvedBy: UserRefDto | null;
  commentCount: number;
  updatedAt: Date;
}

/** What was said with the move to the response's current status. */
export class StatusNoteDto {
  /** The reason for changes asked, the sign-off note of an approval, or why it was reopened. */
  reason: string;
  by: UserRefDto | null;
  at: Date;
}

/** The request's form as the response answers it. */
export class ResponseFormDto {
  /** Every field it has had: removed ones kept with `retired: true` (their values read only). */
  fields: FormFieldDto[];
  version: number;
}

export class ResponseDetailDto extends ResponseDto {
  /** The reason or note given with the move to the current status; null when none was given. */
  statusNote: StatusNoteDto | null;
  /** The demanded item in full. */
  requestText: string;
  provision: ProvisionDto | null;
  subjectOwner: UserRefDto | null;
  // form and formValues are always sent; documented as optional only so that clients written
  // before forms existed (and their fixtures) still type-check.
  /** The request's form, or null when it has none (the free-text answer is then the answer). */
  form?: ResponseFormDto | null;
  /** The form's values by field key; null when none are given. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true })
  formValues?: Record<string, unknown> | null;
  /**
   * Who last wrote the answer or the form's values; null when nobody has. Review is by someone
   * other than them, so a client offers Approve and Request changes only to others. (Always sent;
   * optional as form is, for older clients.)
   */
  answeredById?: string | null;
}

export class ResponsePageDto extends PageMetaDto {
  items: ResponseDto[];
}
