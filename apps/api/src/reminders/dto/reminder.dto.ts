import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ReminderReason, ReminderStatus } from '@app/domain';
import { PageMetaDto, PageQueryDto } from '../../common/pagination.dto';
import { UserRefDto } from '../../common/user-ref.dto';

export class ReminderListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsEnum(ReminderStatus)
  @ApiProperty({ enum: ReminderStatus, enumName: 'ReminderStatus', required: false })
  status?: ReminderStatus;
}

export class ReminderDto {
  id: string;
  recipient: UserRefDto;
  /** When it is (or was) due to go out. */
  sendAt: Date;
  @ApiProperty({ enum: ReminderReason, enumName: 'ReminderReason', isArray: true })
  reasons: ReminderReason[];
  /** The responses it is about. */
  itemIds: string[];
  @ApiProperty({ enum: ReminderStatus, enumName: 'ReminderStatus' })
  status: ReminderStatus;
  /** Send attempts made so far. */
  attempts: number;
  sentAt: Date | null;
  /** Message-ID of the email that carried it. */
  messageId: string | null;
  /** The error of the last failed attempt. */
  lastError: string | null;
  /** Sent well after `sendAt`, because nothing could send it on time. */
  late: boolean;
  createdAt: Date;
}

export const REMINDERS_STOPPED_REASONS = [
  'AUDIT_SUBMITTED',
  'AUDIT_CLOSED',
  'PAUSED',
  'PAST_DEADLINE',
  'NO_OPEN_WORK',
] as const;

/** Why nobody is reminded of the audit from now on. */
export class RemindersStoppedDto {
  /**
   * AUDIT_SUBMITTED, AUDIT_CLOSED: the audit is over. PAUSED: counsel paused its reminders
   * (`GET .../reminders/pause` says who, when and why). PAST_DEADLINE: its deadline's day is more
   * than `quietAfterDays` days past (an audit left open does not mail people for ever); moving
   * the deadline (a granted extension) starts them again. NO_OPEN_WORK: every response is
   * approved or not applicable.
   */
  @ApiProperty({ enum: REMINDERS_STOPPED_REASONS, enumName: 'RemindersStoppedReason' })
  reason: (typeof REMINDERS_STOPPED_REASONS)[number];
  /** The deadline's calendar day in the audit's zone, YYYY-MM-DD. */
  deadlineDay: string;
  /** PAST_DEADLINE: the last day anyone was reminded, YYYY-MM-DD; otherwise null. */
  lastReminderDay: string | null;
  /** Days after the deadline's day on which overdue work is still chased (REMINDER_QUIET_AFTER_DAYS). */
  quietAfterDays: number;
}

export class ReminderPageDto extends PageMetaDto {
  items: ReminderDto[];
  /** Why no reminder is planned from now on; null while reminders go out as the policy says. */
  stopped: RemindersStoppedDto | null;
}

/** When reminders go out for this audit. Every field is required: PUT replaces the policy. */
export class ReminderPolicyDto {
  /** Days before the external deadline on which assignees are reminded (0 = on the day). */
  @IsArray()
  @ArrayMaxSize(30)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(365, { each: true })
  deadlineDaysBefore: number[];

  /** Days before a response's internal due date on which its assignee is reminded. */
  @IsArray()
  @ArrayMaxSize(30)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(365, { each: true })
  dueDateDaysBefore: number[];

  /** After a due date passes, remind every business day until the work is done. */
  @IsBoolean()
  afterDueDaily: boolean;

  /** From this many days before the deadline, lead counsel gets a digest of every open item. */
  @IsInt()
  @Min(0)
  @Max(365)
  escalateDaysBefore: number;

  /** Hour of day (0-23) in each recipient's own zone at which reminders go out. */
  @IsInt()
  @Min(0)
  @Max(23)
  sendHour: number;
}

export class SendDigestNowDto {
  /** The member to send their open items of this audit to, now. */
  @IsUUID()
  userId: string;
}
