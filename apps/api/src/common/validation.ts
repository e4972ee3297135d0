import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
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
 * PostgreSQL cannot store the NUL character in text, so a string carrying one would fail
 * at the database as a 500. Refused here for every body, query and path value, naming it.
 */
@Injectable()
export class RejectNulCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const where = findNul(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
    if (where !== null) throw AppError.invalid(where || 'body', `${where || 'body'} must not contain NUL characters`);
    return value;
  }
}

function findNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findNul(item, `${path}[${i}]`);
      if (found !== null) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findNul(key, path ? `${path}.${key}` : key) ?? findNul(item, path ? `${path}.${key}` : key);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * JSON.parse turns `"__proto__": {...}` into an own member, which class-transformer then
 * drops silently instead of the whitelist refusing it as an unknown field: a hostile body
 * would be accepted with a member the client believes was read. No DTO has such a field,
 * so these keys are refused by name, at any depth of a body or query.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

@Injectable()
export class RejectPrototypeKeysPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query') return value;
    const where = findPrototypeKey(value, '');
    if (where !== null) throw AppError.invalid(where, `${where} is not a known field`);
    return value;
  }
}

function findPrototypeKey(value: unknown, path: string): string | null {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findPrototypeKey(item, `${path}[${i}]`);
      if (found !== null) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key)) return at;
      const found = findPrototypeKey(item, at);
      if (found !== null) return found;
    }
  }
  return null;
}
