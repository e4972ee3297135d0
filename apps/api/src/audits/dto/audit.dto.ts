import {
  buildMessage,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUUID,
  MaxLength,
  ValidateBy,
} from 'class-validator';
import { ApiProperty, IntersectionType, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { AuditRole, AuditStatus, isValidCalendarDay } from '@app/domain';
import { PageQueryDto, PageMetaDto } from '../../common/pagination.dto';
import { IsCalendarDay, isMissing, Optional, OptionalText, RequiredText, Trim } from '../../common/dto-decorators';

const DEADLINE_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

const IsDeadline = () =>
  ValidateBy({
    name: 'isDeadline',
    validator: {
      validate: (value) =>
        typeof value === 'string' && DEADLINE_FORMAT.test(value) && isValidCalendarDay(value.slice(0, 10)),
      defaultMessage: buildMessage((_, args) =>
        isMissing(args?.value)
          ? '$property should not be empty'
          : '$property must be a date-time like 2023-06-07T17:00 (read in deadlineTimeZone) or an instant with an offset',
      ),
    },
  });

export class CreateAuditDto {
  /** @example "Developer Agreement compliance audit" */
  @RequiredText(300)
  title: string;

  /** Unique short reference, e.g. "TWTR-MSFT-2023-05". */
  @RequiredText(64)
  referenceCode: string;

  @RequiredText(300)
  demandingParty: string;

  @OptionalText(200)
  demandingCounselName?: string | null;

  @OptionalText(300)
  demandingCounselFirm?: string | null;

  @Trim()
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  demandingCounselEmail?: string | null;

  @RequiredText(300)
  respondingParty: string;

  @OptionalText(200)
  respondingCounselName?: string | null;

  @OptionalText(300)
  respondingCounselFirm?: string | null;

  @Trim()
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  respondingCounselEmail?: string | null;

  @RequiredText(300)
  agreementTitle: string;

  /** Version or effective date as the parties cite it, e.g. "effective 10 March 2020". */
  @OptionalText(200)
  agreementVersion?: string | null;

  /** The clause that grants the audit right, e.g. "VII". */
  @OptionalText(100)
  auditClauseRef?: string | null;

  /** Date of the demand letter (YYYY-MM-DD). */
  @IsOptional()
  @IsCalendarDay()
  letterDate?: string | null;

  /** Day the demand was received (YYYY-MM-DD). */
  @IsCalendarDay()
  receivedOn: string;

  /**
   * The response deadline: a wall-clock time read in deadlineTimeZone ("2023-06-07T17:00"),
   * or an instant with an offset.
   */
  @IsDeadline()
  responseDeadline: string;

  /** IANA zone the deadline is meant in, e.g. "America/New_York". */
  @IsString()
  @IsTimeZone()
  deadlineTimeZone: string;

  @IsOptional()
  @IsCalendarDay()
  periodStart?: string | null;

  @IsOptional()
  @IsCalendarDay()
  periodEnd?: string | null;

  @OptionalText(20_000)
  notes?: string | null;

  /**
   * Legend printed on every page of the internal report and records (never on what is served on
   * the other side: a submitted package's report, production indexes, the privilege log); null
   * or "" means the default "PRIVILEGED & CONFIDENTIAL - ATTORNEY WORK PRODUCT".
   */
  @OptionalText(300)
  confidentialityLegend?: string | null;

  /** Start from this request template: its provisions and requests are created with the audit. */
  @IsOptional()
  @IsUUID()
  templateId?: string | null;
}

// skipNullProperties: false, so null for a required field is refused instead of reaching the database.
export class UpdateAuditDto extends PartialType(OmitType(CreateAuditDto, ['templateId'] as const), {
  skipNullProperties: false,
}) {
  /**
   * Only lead counsel can change the status: DRAFT -> OPEN -> SUBMITTED -> CLOSED, DRAFT or
   * OPEN -> CLOSED, and reopening (SUBMITTED or CLOSED -> OPEN, which needs `statusReason`).
   */
  @Optional()
  @IsEnum(AuditStatus)
  @ApiProperty({ enum: AuditStatus, enumName: 'AuditStatus', required: false })
  status?: AuditStatus;

  /**
   * The day the response was submitted (YYYY-MM-DD), with the move to SUBMITTED; omitted, it
   * is today in the deadline zone. Not in the future, not before `receivedOn`. Lead counsel may
   * also correct it on its own while the audit is SUBMITTED (or CLOSED after a submission).
   * Reopening clears it.
   */
  @Optional()
  @IsCalendarDay()
  submittedAt?: string;

  /**
   * Who reviews new grid cells unless counsel names someone else: a member of the audit who can
   * work on responses; null clears. Cells that exist keep their reviewer.
   */
  @IsOptional()
  @IsUUID()
  defaultReviewerId?: string | null;

  /** Why the status changes: required when reopening; recorded in the activity log. */
  @Optional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  statusReason?: string;
}

export class AuditListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsEnum(AuditStatus)
  @ApiProperty({ enum: AuditStatus, enumName: 'AuditStatus', required: false })
  status?: AuditStatus;
}

export class ProgressSummaryDto {
  total: number;
  done: number;
  overdue: number;
  percentComplete: number;
}

export class AuditDto {
  id: string;
  title: string;
  referenceCode: string;
  @ApiProperty({ enum: AuditStatus, enumName: 'AuditStatus' })
  status: AuditStatus;
  demandingParty: string;
  demandingCounselName: string | null;
  demandingCounselFirm: string | null;
  demandingCounselEmail: string | null;
  respondingParty: string;
  respondingCounselName: string | null;
  respondingCounselFirm: string | null;
  respondingCounselEmail: string | null;
  agreementTitle: string;
  agreementVersion: string | null;
  auditClauseRef: string | null;
  /** YYYY-MM-DD */
  letterDate: string | null;
  /** YYYY-MM-DD */
  receivedOn: string;
  /** The deadline instant (UTC). */
  responseDeadline: Date;
  /** The deadline in its own zone, e.g. "2023-06-07T17:00:00.000-04:00". */
  responseDeadlineLocal: string;
  deadlineTimeZone: string;
  periodStart: string | null;
  periodEnd: string | null;
  notes: string | null;
  /** The day the response was submitted (YYYY-MM-DD); null unless the audit stands submitted. */
  submittedAt: string | null;
  /** The legend set for this audit's reports; null means the default. */
  confidentialityLegend: string | null;
  /** The legend the report prints (this audit's, or the default). */
  effectiveConfidentialityLegend: string;
  /** Who reviews new grid cells (their subject's owner is their assignee); null: nobody by default. */
  defaultReviewerId: string | null;
  /** The caller's role in this audit. */
  @ApiProperty({ enum: AuditRole, enumName: 'AuditRole' })
  myRole: AuditRole;
  createdAt: Date;
  updatedAt: Date;
}

export class AuditListItemDto extends AuditDto {
  progress: ProgressSummaryDto;
}

export class AuditPageDto extends PageMetaDto {
  items: AuditListItemDto[];
}

/**
 * The new demand's essentials when copying an audit. The agreement, the parties and their
 * counsel and the report legend are taken from the audit copied unless given here.
 */
export class CopyAuditDto extends IntersectionType(
  PickType(CreateAuditDto, ['title', 'referenceCode', 'receivedOn', 'responseDeadline', 'deadlineTimeZone'] as const),
  PartialType(
    PickType(CreateAuditDto, [
      'letterDate',
      'demandingParty',
      'demandingCounselName',
      'demandingCounselFirm',
      'demandingCounselEmail',
      'respondingParty',
      'respondingCounselName',
      'respondingCounselFirm',
      'respondingCounselEmail',
      'periodStart',
      'periodEnd',
    ] as const),
    // So null for a required field (a party) is refused rather than reaching the database.
    { skipNullProperties: false },
  ),
) {}
