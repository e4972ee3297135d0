import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsUUID, Min, ValidateNested } from 'class-validator';
import { FORM_MAX_FIELDS, ResponseStatus } from '@app/domain';
import { Optional } from '../../common/dto-decorators';
import { FormFieldDto } from '../../form-templates/dto/form-field.dto';
import { RequestRefDto, SubjectRefDto } from '../../responses/dto/response.dto';

export class SaveRequestFormDto {
  /** Copy this form template's fields (exactly one of templateId and fields). */
  @Optional()
  @IsUUID()
  templateId?: string;

  /** The form's fields, in order (exactly one of templateId and fields); fields left out retire. */
  @Optional()
  @IsArray()
  @ArrayMaxSize(FORM_MAX_FIELDS)
  @ValidateNested({ each: true })
  @Type(() => FormFieldDto)
  fields?: FormFieldDto[];

  /** Required once the request has a form: the version this change is based on (409 when stale). */
  @Optional()
  @Min(1)
  @IsInt()
  version?: number;
}

export class RemoveRequestFormQueryDto {
  /** The form's version the removal is based on; a stale one gets 409 VERSION_CONFLICT. */
  @Type(() => Number)
  @Min(1)
  @IsInt()
  version: number;
}

export class RequestFormDto {
  requestId: string;
  /** The template it was copied from (null: written for the request, or the template was deleted). */
  templateId: string | null;
  templateName: string | null;
  /** Every field it has had: removed ones kept with `retired: true`, after the others. */
  fields: FormFieldDto[];
  /** Send this back with the next change. */
  version: number;
  /** How many of the request's responses hold form values. */
  answeredCount: number;
}

export class FormComparisonRowDto {
  responseId: string;
  subject: SubjectRefDto;
  @ApiProperty({ enum: ResponseStatus, enumName: 'ResponseStatus' })
  status: ResponseStatus;
  /** The values given, by field key (see the value shapes of each field type); null when none. */
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  values: Record<string, unknown> | null;
  /** Keys of required fields (or tables with a required cell) still empty. */
  missing: string[];
}

export class FormComparisonDto {
  request: RequestRefDto;
  /** The active fields, then retired ones some answer still holds. */
  fields: FormFieldDto[];
  /** One per subject the request applies to, in subject order. */
  rows: FormComparisonRowDto[];
  /** Keys of fields at least two subjects answered differently. */
  differing: string[];
}
