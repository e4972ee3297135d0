import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, Min, ValidateNested } from 'class-validator';
import { FORM_MAX_FIELDS } from '@app/domain';
import { OptionalText, RequiredText } from '../../common/dto-decorators';
import { FormFieldDto } from './form-field.dto';

export class CreateFormTemplateDto {
  /** Unique in the organisation, e.g. "Data inventory". */
  @RequiredText(200)
  name: string;

  @OptionalText(2000)
  description?: string | null;

  /** The form's fields, in order. */
  @IsArray()
  @ArrayMaxSize(FORM_MAX_FIELDS)
  @ValidateNested({ each: true })
  @Type(() => FormFieldDto)
  fields: FormFieldDto[];
}

export class UpdateFormTemplateDto extends CreateFormTemplateDto {
  /** The version this change is based on; a stale one gets 409 VERSION_CONFLICT. */
  @Min(1)
  @IsInt()
  version: number;
}

export class FormTemplateDto {
  id: string;
  name: string;
  description: string | null;
  /** Every field it has had: removed ones are kept with `retired: true`, after the others. */
  fields: FormFieldDto[];
  /** Send this back with the next update. */
  version: number;
  updatedAt: Date;
  /** How many requests' forms were copied from it. */
  usedBy: number;
}
