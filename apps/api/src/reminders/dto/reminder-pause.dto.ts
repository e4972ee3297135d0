import { RequiredText } from '../../common/dto-decorators';
import { UserRefDto } from '../../common/user-ref.dto';

export class PauseRemindersDto {
  /** Why nobody should be reminded of this audit for now (e.g. the parties are negotiating); shown to its members. */
  @RequiredText(500)
  reason: string;
}

/** Whether counsel paused the audit's reminders: while paused none are planned or sent. */
export class ReminderPauseDto {
  paused: boolean;
  since: Date | null;
  reason: string | null;
  pausedBy: UserRefDto | null;
}
