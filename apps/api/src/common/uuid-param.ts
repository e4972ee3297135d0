import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { AppError } from './app-error';

/**
 * A route parameter that must be a UUID; anything else is a 400 naming the parameter. The
 * OpenAPI document says so too (`format: uuid`): every id in a path is declared here.
 */
export const UuidParam =
  (name: string): ParameterDecorator =>
  (target, key, index) => {
    Param(
      name,
      new ParseUUIDPipe({
        exceptionFactory: () => AppError.invalid(name, `${name} must be a UUID`),
      }),
    )(target, key, index);
    const method = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (key !== undefined && method) ApiParam({ name, type: 'string', format: 'uuid' })(target, key, method);
  };
