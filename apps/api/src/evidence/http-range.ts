import type { ByteRange } from '@app/storage';
import { AppError, ErrorCode } from '../common/app-error';

export type RangeDecision = { kind: 'full' } | { kind: 'partial'; range: ByteRange } | { kind: 'unsatisfiable' };

/**
 * Reads a Range header against a representation of `size` bytes (RFC 9110 section 14).
 * One range is served as 206; a header we do not understand, or several ranges, is ignored
 * (the whole file, 200), as the RFC allows; a range wholly past the end is 416.
 */
export function decideRange(header: string | undefined, size: number): RangeDecision {
  if (!header) return { kind: 'full' };
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'full' };
  const [, first, last] = match;
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', range: { start: Math.max(0, size - length), end: size - 1 } };
  }
  const start = Number(first);
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return { kind: 'full' };
  return { kind: 'partial', range: { start, end } };
}

/** The 416 for a Range header wholly past the end of a representation of `size` bytes. */
export const rangeNotSatisfiable = (header: string | undefined, size: number): AppError =>
  new AppError(ErrorCode.RANGE_NOT_SATISFIABLE, `The range ${header} is outside the file's ${size} bytes.`, [
    { field: 'Range', message: `must start before byte ${size}` },
  ]);
