import { IsBoolean } from 'class-validator';

export class UnsubscribedAuditDto {
  auditId: string;
  /** "Twitter v. Microsoft audit". */
  name: string;
  remindersOff: boolean;
}

export class UnsubscribedDto {
  /** The link's audits the person is (still) a member of. */
  audits: UnsubscribedAuditDto[];
}

export class MyRemindersDto {
  /** Whether the logged-in user gets this audit's reminders. */
  enabled: boolean;
  /** Only members get reminders; an org admin outside the audit gets none either way. */
  member: boolean;
}

export class SetMyRemindersDto {
  @IsBoolean()
  enabled: boolean;
}
