import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsUUID, Min, ValidateNested } from 'class-validator';
import { Disposition, ResponseStatus } from '@app/domain';
import { ApiNullableEnum, Optional, OptionalText } from '../../common/dto-decorators';
import { UserRefDto } from '../../common/user-ref.dto';

export class RaisedObjectionInputDto {
  /** A library objection. */
  @IsUUID()
  objectionId: string;

  /** A provision of this audit's agreement the objection relies on. */
  @IsOptional()
  @IsUUID()
  provisionId?: string | null;

  /** Wording specific to this request, printed after the standard wording. */
  @OptionalText(5000)
  note?: string | null;
}

export class UpdateDispositionDto {
  /** The version this change is based on (0 when the request has never been saved); a stale one gets 409. */
  @Min(0)
  @IsInt()
  version: number;

  /** null clears it. */
  @IsOptional()
  @IsEnum(Disposition)
  @ApiNullableEnum(Disposition, { required: false })
  disposition?: Disposition | null;

  /** The outward response text (what the letter says); the responses' answers stay internal. */
  @OptionalText(100_000)
  responseText?: string | null;

  /** The objections raised, in the order the letter prints them; replaces the list when sent. */
  @Optional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => RaisedObjectionInputDto)
  objections?: RaisedObjectionInputDto[];
}

export class UpdateSubjectDispositionDto {
  /** The version of this subject's disposition the change is based on (0 when never saved); a stale one gets 409. */
  @Min(0)
  @IsInt()
  version: number;

  /** The subject's own disposition; null clears it (and its text): the request's applies to the subject again. */
  @IsOptional()
  @IsEnum(Disposition)
  @ApiNullableEnum(Disposition, { required: false })
  disposition?: Disposition | null;

  /** What the letter says for this subject after "As to <subject>: <disposition>." */
  @OptionalText(100_000)
  responseText?: string | null;
}

export class UpdateResponseLetterDto {
  /** The version this change is based on (0 when the letter's fields have never been saved). */
  @Min(0)
  @IsInt()
  version: number;

  /** Letterhead: the firm; null falls back to the responding counsel's firm. */
  @OptionalText(200)
  firmName?: string | null;

  /** Letterhead: the firm's address, one line per line. */
  @OptionalText(1000)
  firmAddress?: string | null;

  /** The addressee's (the demanding party's counsel's) address, one line per line. */
  @OptionalText(1000)
  addresseeAddress?: string | null;

  /** null prints the default preliminary statement. */
  @OptionalText(20_000)
  preliminaryStatement?: string | null;

  /** The general objections, one per paragraph (a blank line between two); null prints the standard ones. */
  @OptionalText(20_000)
  generalObjections?: string | null;

  /** The signer; null falls back to the responding counsel. */
  @OptionalText(200)
  signerName?: string | null;

  @OptionalText(200)
  signerTitle?: string | null;
}

export class DraftObjectionDto {
  objectionId: string;
  code: string;
  title: string;
  wording: string;
  provisionId: string | null;
  provisionReference: string | null;
  note: string | null;
  /** The objection as the letter prints it. */
  composed: string;
}

export class DraftAnswerDto {
  responseId: string;
  subjectName: string;
  @ApiProperty({ enum: ResponseStatus, enumName: 'ResponseStatus' })
  status: ResponseStatus;
  /** The internal working answer (never printed in the letter). */
  answer: string | null;
}

/** One subject the request asks about, and its own disposition of the request if it has one. */
export class SubjectDispositionDto {
  subjectId: string;
  subjectName: string;
  /** null: no disposition of its own; the request's applies to this subject. */
  @ApiNullableEnum(Disposition)
  disposition: Disposition | null;
  responseText: string | null;
  /** 0 until first saved; clearing counts as a save. */
  version: number;
  updatedAt: Date | null;
  updatedBy: UserRefDto | null;
}

export class RequestDispositionDto {
  requestId: string;
  ordinal: number;
  title: string;
  /** The request's full text, as demanded. */
  text: string;
  provisionReference: string | null;
  @ApiNullableEnum(Disposition)
  disposition: Disposition | null;
  responseText: string | null;
  objections: DraftObjectionDto[];
  /** The general reservation composed for it ("Subject to and without waiving ..."); null without objections. */
  reservation: string | null;
  /** 0 until first saved. */
  version: number;
  updatedAt: Date | null;
  updatedBy: UserRefDto | null;
  /** The internal answers, one per subject, beside which the outward text is drafted. */
  answers: DraftAnswerDto[];
  /** Per subject the request asks about (in subject order), its own disposition where it differs. */
  subjectDispositions: SubjectDispositionDto[];
  /** The lines the letter prints after the request's response ("As to <subject>: ..."). */
  subjectLines: string[];
  /** Disposed: by its own disposition, or by one for every subject. */
  disposed: boolean;
}

export class ResponseLetterFieldsDto {
  firmName: string | null;
  firmAddress: string | null;
  addresseeAddress: string | null;
  preliminaryStatement: string | null;
  generalObjections: string | null;
  signerName: string | null;
  signerTitle: string | null;
  /** 0 until first saved. */
  version: number;
  /** What the letter prints where a field above is null. */
  defaultFirmName: string;
  defaultSignerName: string | null;
  defaultPreliminaryStatement: string;
  /** The standard general objections, one per paragraph. */
  defaultGeneralObjections: string;
}

export class ResponseDraftDto {
  respondingParty: string;
  /** The demanding party's counsel, to whom the letter is addressed. */
  addresseeName: string | null;
  addresseeFirm: string | null;
  letter: ResponseLetterFieldsDto;
  requests: RequestDispositionDto[];
  /** Requests not yet disposed (no disposition, nor one for every subject): the letter is a draft while any remain. */
  missingDispositions: number;
}
