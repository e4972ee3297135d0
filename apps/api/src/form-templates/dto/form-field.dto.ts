import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  FORM_COLUMN_TYPES,
  FORM_FIELD_TYPES,
  FORM_KEY_PATTERN,
  FORM_MAX_COLUMNS,
  FORM_MAX_HELP,
  FORM_MAX_LABEL,
  FORM_MAX_OPTIONS,
  type FormColumnType,
  type FormFieldType,
} from '@app/domain';
import { Optional, OptionalText, RequiredText } from '../../common/dto-decorators';

// The shape of a form's fields, as class-validator can say it; what it cannot (unique keys,
// choices where a choice is asked, a unit only on numbers, types fixed across revisions) is
// checkFormDefinition and reviseForm in @app/domain, run by the services after this.

const KEY_MESSAGE = 'key must start with a lower-case letter and hold only a-z, 0-9 and _ (at most 40)';

/** The choices of a choice field or column. */
const Options = () => (target: object, property: string) => {
  Optional()(target, property);
  IsArray()(target, property);
  ArrayMaxSize(FORM_MAX_OPTIONS)(target, property);
  IsString({ each: true })(target, property);
  IsNotEmpty({ each: true })(target, property);
  MaxLength(FORM_MAX_LABEL, { each: true })(target, property);
};

export class FormColumnDto {
  /** Stable across revisions: what the cells are stored under. */
  @Matches(FORM_KEY_PATTERN, { message: KEY_MESSAGE })
  @IsString()
  key: string;

  @RequiredText(FORM_MAX_LABEL)
  label: string;

  @IsIn(FORM_COLUMN_TYPES)
  @ApiProperty({ enum: FORM_COLUMN_TYPES, enumName: 'FormColumnType' })
  type: FormColumnType;

  @Optional()
  @IsBoolean()
  required?: boolean;

  /** For NUMBER: what the number counts, e.g. "records". */
  @OptionalText(FORM_MAX_LABEL)
  unit?: string | null;

  /** For SINGLE_CHOICE: the choices offered. */
  @Options()
  options?: string[];
}

export class FormFieldDto {
  /** Stable across revisions: what values are stored under and letters cite (`{{key}}`). */
  @Matches(FORM_KEY_PATTERN, { message: KEY_MESSAGE })
  @IsString()
  key: string;

  @RequiredText(FORM_MAX_LABEL)
  label: string;

  /** Guidance shown under the field. */
  @OptionalText(FORM_MAX_HELP)
  help?: string | null;

  @IsBoolean()
  required: boolean;

  @IsIn(FORM_FIELD_TYPES)
  @ApiProperty({ enum: FORM_FIELD_TYPES, enumName: 'FormFieldType' })
  type: FormFieldType;

  /** For NUMBER: what the number counts, e.g. "records" or "GB". */
  @OptionalText(FORM_MAX_LABEL)
  unit?: string | null;

  /** For SINGLE_CHOICE and MULTIPLE_CHOICE: the choices offered. */
  @Options()
  options?: string[];

  /** For TABLE: its columns. */
  @Optional()
  @IsArray()
  @ArrayMaxSize(FORM_MAX_COLUMNS)
  @ValidateNested({ each: true })
  @Type(() => FormColumnDto)
  columns?: FormColumnDto[];

  /**
   * Set on fields a revision removed (their answers are kept and shown). Sent back with
   * `retired: true`, a field stays retired: it counts as left out of the revision.
   */
  @IsOptional()
  @IsBoolean()
  retired?: boolean;
}
