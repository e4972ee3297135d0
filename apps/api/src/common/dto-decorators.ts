import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { buildMessage, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateBy, ValidateIf } from 'class-validator';
import { isValidCalendarDay } from '@app/domain';

/** Trims surrounding white space from string input. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** A required, trimmed, non-empty string of at most `max` characters. */
export const RequiredText = (max: number) => applyDecorators(Trim(), IsString(), IsNotEmpty(), MaxLength(max));

/** An optional string that may also be sent as null to clear it. */
export const OptionalText = (max: number) =>
  applyDecorators(Trim(), IsOptional(), ValidateIf((_, v) => v !== null), IsString(), MaxLength(max));

/** A calendar day as "YYYY-MM-DD" (real dates only: 2023-02-30 is refused). */
export const IsCalendarDay = () =>
  ValidateBy({
    name: 'isCalendarDay',
    validator: {
      validate: (value) => typeof value === 'string' && isValidCalendarDay(value),
      defaultMessage: buildMessage((each) => `${each}$property must be a real date as YYYY-MM-DD`),
    },
  });

/** Accepts the value or null (null clears the field). */
export const Nullable = () => ValidateIf((_, v) => v !== null);

/** May be left out, but not sent as null (for fields that cannot be cleared). */
export const Optional = () => ValidateIf((_, v) => v !== undefined);
