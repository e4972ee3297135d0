import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AppError, ErrorCode, type FieldError } from './app-error';

/** Flattens class-validator's tree into one entry per offending field path. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(/^property (\S+) should not exist$/, '$1 is not a known field'),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export const createValidationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      const detail = `Validation failed: ${fieldErrors.map((e) => e.message).join('; ')}`;
      return new AppError(ErrorCode.VALIDATION_FAILED, detail, fieldErrors);
    },
  });

/**
 * Deepest nesting of objects and arrays a JSON body may have. No DTO nests more than a few
 * levels; anything deeper is refused before it is parsed, since every later step (the checks
 * below, class-transformer, class-validator) walks the body recursively and a body nested
 * thousands deep would overflow the stack of each of them.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * The JSON body parser's `verify` hook: scans the raw bytes, outside strings, for nesting
 * deeper than MAX_JSON_DEPTH and refuses it as a 400 (the problem filter renders it).
 */
export function rejectDeepJson(_req: unknown, _res: unknown, raw: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === 0x5c /* \ */) i++;
      else if (byte === 0x22 /* " */) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b /* { */ || byte === 0x5b /* [ */) {
      if (++depth > MAX_JSON_DEPTH)
        throw AppError.invalid('body', `body must not nest objects and arrays more than ${MAX_JSON_DEPTH} levels deep`);
    } else if (byte === 0x7d /* } */ || byte === 0x5d /* ] */) depth--;
  }
}

/**
 * Names of Object.prototype's members (`__proto__`, `constructor`, `toString`,
 * `hasOwnProperty`...) and `prototype`. JSON.parse makes `"__proto__"` an own member that
 * class-transformer drops silently, and a plain object already "has" the others, so code
 * that collects or reads fields by name mistakes them for inherited functions. No DTO has
 * such a field: they are refused by name, like any unknown field.
 */
const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** A string with a lone UTF-16 surrogate: not valid Unicode, and PostgreSQL cannot store it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);

/**
 * The one check of untrusted input every body, query, path value and multipart form field
 * passes before it is validated against its DTO: a 400 naming the field for a member named
 * like a prototype member, and for text PostgreSQL cannot store (NUL characters, lone UTF-16
 * surrogates), which would otherwise fail at the database as a 500.
 */
export function checkUntrustedInput(value: unknown, path: string, checkKeys = true): void {
  const where = path || 'body';
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw AppError.invalid(where, `${where} must not contain NUL characters`);
    if (hasLoneSurrogate(value))
      throw AppError.invalid(where, `${where} must be valid Unicode text (it has a lone UTF-16 surrogate)`);
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) checkUntrustedInput(item, `${path}[${i}]`, checkKeys);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (checkKeys && PROTOTYPE_KEYS.has(key)) throw AppError.invalid(at, `${at} is not a known field`);
      checkUntrustedInput(key, at, checkKeys);
      checkUntrustedInput(item, at, checkKeys);
    }
  }
}

/** Applies `checkUntrustedInput` to every body, query and path parameter of every route. */
@Injectable()
export class RejectUntrustedInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // Path values are strings the router cut out of the URL: no keys to check.
    if (metadata.type === 'param') checkUntrustedInput(value, metadata.data ?? '', false);
    else if (metadata.type === 'body' || metadata.type === 'query') checkUntrustedInput(value, metadata.data ?? '');
    return value;
  }
}

/**
 * The text fields of a multipart form (evidence and document uploads, imports), validated as
 * strictly as a JSON body: the untrusted-input check, then the form's DTO with unknown fields
 * refused by name (400 "<name> is not a known field").
 */
export async function validateFormFields<F extends object>(
  fieldsType: new () => F,
  fields: Record<string, string | string[]>,
): Promise<F> {
  checkUntrustedInput(fields, '');
  const dto = plainToInstance(fieldsType, fields);
  // forbidUnknownValues off: NoFormFields has no validated field, which class-validator would
  // otherwise refuse as "an unknown value"; the whitelist still refuses every field sent.
  const errors = await validate(dto, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: false,
    stopAtFirstError: true,
  });
  if (errors.length > 0) {
    const fieldErrors = flattenValidationErrors(errors);
    throw new AppError(
      ErrorCode.VALIDATION_FAILED,
      `Validation failed: ${fieldErrors.map((e) => e.message).join('; ')}`,
      fieldErrors,
    );
  }
  return dto;
}

/** The text fields of a form whose only part is its file: none, so each one sent is refused by name. */
export class NoFormFields {}
