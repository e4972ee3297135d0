import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsOptional, Max, Min } from 'class-validator';
import { AuditStatus } from '@app/domain';
import { IsCalendarDay } from '../../common/dto-decorators';

/** What the logged-in user sets for their own digests, in their own zone. PUT replaces it. */
export class MyReminderSettingsInputDto {
  /** Hour (0-23, their zone) of their digests; null: each audit's policy hour. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(23)
  hour: number | null;

  /** ISO weekdays (1 = Monday ... 7 = Sunday) on which digests may go out; at least one. */
  @IsArray()
  @ArrayMinSize(1, { message: 'days must name at least one weekday' })
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  days: number[];

  /** First day of a vacation (YYYY-MM-DD, their zone): nothing is sent from it; null: none. */
  @IsOptional()
  @IsCalendarDay()
  vacationFrom: string | null;

  /** Last day of the vacation (included); what fell due during it goes out on their next day after. */
  @IsOptional()
  @IsCalendarDay()
  vacationUntil: string | null;
}

/** One audit the user is a member of, and whether they get its reminders. */
export class MyAuditRemindersDto {
  auditId: string;
  title: string;
  referenceCode: string;
  /** "Twitter v. Microsoft audit". */
  name: string;
  @ApiProperty({ enum: AuditStatus, enumName: 'AuditStatus' })
  status: AuditStatus;
  /** The user's own switch (off: turned off in the app or by an unsubscribe link). */
  enabled: boolean;
  /** Counsel paused every reminder of the audit (nobody gets any until resumed). */
  pausedByCounsel: boolean;
  /** The audit policy's hour, used when the user set none. */
  sendHour: number;
}

export class MyReminderSettingsDto {
  /** Hour (0-23, their zone) of their digests; null: each audit's policy hour. */
  hour: number | null;
  /** ISO weekdays (1 = Monday ... 7 = Sunday) on which digests may go out. */
  days: number[];
  /** The vacation's first and last day (YYYY-MM-DD, their zone), or null. */
  vacationFrom: string | null;
  vacationUntil: string | null;
  /** The zone the hour and the days are read in (the profile's). */
  timeZone: string;
  /** The audits the user is a member of, most urgent deadline first. */
  audits: MyAuditRemindersDto[];
}
