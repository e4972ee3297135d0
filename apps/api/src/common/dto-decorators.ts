import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { buildMessage, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateBy, ValidateIf } from 'class-validator';
import { isValidCalendarDay } from '@app/domain';

/** Trims surrounding white space from string input. */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** A required, trimmed, non-empty string of at most `max` characters. */
export const RequiredText = (max: number) => applyDecorators(Trim(), IsString(), IsNotEmpty(), MaxLength(max));

/** An optional string that may also be sent as null to clear it (IsOptional skips null too). */
export const OptionalText = (max: number) => applyDecorators(Trim(), IsOptional(), IsString(), MaxLength(max));

/** Left out or sent empty: said as such ("should not be empty"), not as a malformed value. */
export const isMissing = (value: unknown): boolean => value === undefined || value === null || value === '';

/** A calendar day as "YYYY-MM-DD" (real dates only: 2023-02-30 is refused). */
export const IsCalendarDay = () =>
  ValidateBy({
    name: 'isCalendarDay',
    validator: {
      validate: (value) => typeof value === 'string' && isValidCalendarDay(value),
      defaultMessage: buildMessage((each, args) =>
        isMissing(args?.value)
          ? `${each}$property should not be empty`
          : `${each}$property must be a real date as YYYY-MM-DD`,
      ),
    },
  });

/**
 * May be left out, but not sent as null: for fields that cannot be cleared. (IsOptional
 * lets null through as well, so it marks the fields that null clears.)
 */
export const Optional = () => ValidateIf((_, v) => v !== undefined);

/**
 * A value of a string enum, or null. Written out inline (type, values, nullable) rather than
 * as a `$ref` to the named enum: OpenAPI 3.0 ignores `nullable` beside a `$ref`, and a
 * `nullable` with no `type` is invalid, so linters and generated clients would drop the null.
 */
export const ApiNullableEnum = (values: Record<string, string>, opts: { required?: boolean } = {}) =>
  ApiProperty({ type: 'string', enum: Object.values(values), nullable: true, required: opts.required ?? true });
