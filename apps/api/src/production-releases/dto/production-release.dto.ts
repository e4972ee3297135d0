import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsISO8601, IsString, Matches, MaxLength } from 'class-validator';
import { RequiredText, Trim } from '../../common/dto-decorators';
import { UserRefDto } from '../../common/user-ref.dto';

export const ReleaseStateWord = {
  ACTIVE: 'ACTIVE',
  SENDING: 'SENDING',
  NOT_SENT: 'NOT_SENT',
  EXPIRED: 'EXPIRED',
  REVOKED: 'REVOKED',
  LOCKED: 'LOCKED',
} as const;
export type ReleaseStateWord = (typeof ReleaseStateWord)[keyof typeof ReleaseStateWord];

export class CreateReleaseDto {
  /** The other side's counsel who receives the volume. @example "Ina Roth" */
  @RequiredText(200)
  recipientName: string;

  /** Where the link and, in a second email, the one-time code go. @example "ina.roth@rothvale.example.com" */
  @Trim()
  @IsEmail({}, { message: 'recipientEmail must be an email address' })
  @MaxLength(320)
  recipientEmail: string;

  /**
   * When the link stops working: an instant with its offset, from one hour to 30 days ahead.
   * @example "2026-12-10T17:00:00-05:00"
   */
  @IsString()
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an instant like 2026-12-10T17:00:00-05:00' })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'expiresAt must give its offset (Z or +hh:mm)' })
  expiresAt: string;
}

/** One download of a released volume by its recipient. */
export class ReleaseDownloadDto {
  id: string;
  startedAt: Date;
  /** When the last byte went out or the client went away; null while it runs. */
  finishedAt: Date | null;
  /** The client's address, as the API's proxy settings (TRUST_PROXY) read it. */
  clientAddress: string | null;
  bytesSent: number;
  /** Every byte of the ZIP was sent; false when the client stopped midway. */
  complete: boolean;
}

export class ProductionReleaseDto {
  id: string;
  productionId: string;
  recipientName: string;
  recipientEmail: string;
  expiresAt: Date;
  @ApiProperty({ enum: ReleaseStateWord, enumName: 'ReleaseState' })
  state: ReleaseStateWord;
  createdBy: UserRefDto | null;
  createdAt: Date;
  revokedAt: Date | null;
  revokedBy: UserRefDto | null;
  failedCodeAttempts: number;
  /**
   * Whether the SMTP server took both emails. False: the state is SENDING while they are going
   * out, NOT_SENT once that failed (send it again).
   */
  mailSent: boolean;
  downloads: ReleaseDownloadDto[];
}

export class ProductionReleaseListDto {
  items: ProductionReleaseDto[];
}

/** What the public page of a link shows: nothing but the volume, who produced it and until when. */
export class PublicReleaseDto {
  volumeName: string;
  producingParty: string;
  expiresAt: Date;
}

export class ReleaseCodeDto {
  /** The code from the second email. @example "12345678" */
  @Trim()
  @IsString()
  @MaxLength(40)
  code: string;
}

/** A right code: the download is open until `grantedUntil` (a cookie scoped to this link holds the grant). */
export class ReleaseGrantDto {
  grantedUntil: Date;
  /** Where the ZIP downloads from (the same link, `/volume`). */
  downloadUrl: string;
}
