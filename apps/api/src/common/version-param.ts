import { Param, ParseIntPipe } from '@nestjs/common';
import { AppError } from './app-error';

/** The largest version number the database can hold (a 32-bit integer column). */
const MAX_VERSION_NUMBER = 2 ** 31 - 1;

/** A version number in the path: a positive integer the database can hold, or a 400 naming it. */
export const VersionParam = (name = 'number') => {
  const notAVersion = () => AppError.invalid(name, `${name} must be a version number (1, 2, ...)`);
  return Param(name, new ParseIntPipe({ exceptionFactory: notAVersion }), {
    transform: (value: number) => {
      if (value < 1 || value > MAX_VERSION_NUMBER) throw notAVersion();
      return value;
    },
  });
};
