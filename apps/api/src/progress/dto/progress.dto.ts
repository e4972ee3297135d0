import { ApiProperty } from '@nestjs/swagger';
import type { TimeLeft } from '@app/domain';

/** Number of responses in each status. */
export class StatusCountsDto {
  NOT_STARTED: number;
  IN_PROGRESS: number;
  IN_REVIEW: number;
  CHANGES_REQUESTED: number;
  APPROVED: number;
  NOT_APPLICABLE: number;
}

export class ProgressTotalsDto {
  total: number;
  /** Approved or not applicable. */
  done: number;
  overdue: number;
  /** done / total, in percent with one decimal. */
  percentComplete: number;
  counts: StatusCountsDto;
}

export class SubjectProgressDto extends ProgressTotalsDto {
  subjectId: string;
  name: string;
}

export class RequestProgressDto extends ProgressTotalsDto {
  requestId: string;
  ordinal: number;
  title: string;
}

export class TimeLeftDto implements TimeLeft {
  /** Milliseconds to the deadline; negative once it has passed. */
  milliseconds: number;
  passed: boolean;
  days: number;
  hours: number;
  minutes: number;
  /** Calendar days to the deadline's day, counted in the audit's zone. */
  calendarDays: number;
}

export class DeadlineDto {
  at: Date;
  /** The deadline in its zone, e.g. "2023-06-07T17:00:00.000-04:00". */
  local: string;
  timeZone: string;
}

export class AuditProgressDto extends ProgressTotalsDto {
  @ApiProperty({ type: [SubjectProgressDto] })
  bySubject: SubjectProgressDto[];
  @ApiProperty({ type: [RequestProgressDto] })
  byRequest: RequestProgressDto[];
  deadline: DeadlineDto;
  timeLeft: TimeLeftDto;
  /** The instant the figures were computed for. */
  asOf: Date;
}
