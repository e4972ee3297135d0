import { Param, ParseUUIDPipe } from '@nestjs/common';
import { AppError } from './app-error';

/** A route parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name: string) =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => AppError.invalid(name, `${name} must be a UUID`),
    }),
  );
