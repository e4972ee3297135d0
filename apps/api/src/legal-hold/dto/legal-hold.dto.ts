import { UserRefDto } from '../../common/user-ref.dto';
import { RequiredText } from '../../common/dto-decorators';

export class PlaceLegalHoldDto {
  /** Why the audit's records must be preserved (e.g. the litigation or notice that requires it). */
  @RequiredText(2000)
  reason: string;
}

export class LiftLegalHoldDto {
  /** Why the records need no longer be preserved (e.g. the matter settled); kept in the activity log. */
  @RequiredText(2000)
  reason: string;
}

export class LegalHoldDto {
  /** True while the hold is on: nothing in the audit may be deleted. */
  active: boolean;
  since: Date | null;
  reason: string | null;
  placedBy: UserRefDto | null;
}
