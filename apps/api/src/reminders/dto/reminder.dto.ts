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

export class ReminderPageDto extends PageMetaDto {
  items: ReminderDto[];
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
