import { Prisma, type Tx } from '@app/db';
import { AppError } from '../common/app-error';

// An audit's reference is unique whatever its case ("ACME-2026-01" and "acme-2026-01" are one
// reference to the people who cite it), kept as it was typed. The database decides, through
// the unique index on lower(reference_code) (migration audit_reference_any_case); the look-up
// below only words the usual refusal, and referenceClash the one a concurrent save meets.

/**
 * Refuses, with a 409 naming referenceCode, a reference another audit already has in any
 * case. `auditId`: the audit being edited, whose own reference (in another case) is no clash.
 */
export async function ensureReferenceFree(tx: Tx, referenceCode: string, auditId?: string): Promise<void> {
  const [taken] = await tx.$queryRaw<{ referenceCode: string }[]>`
    SELECT reference_code AS "referenceCode" FROM audits
    WHERE lower(reference_code) = lower(${referenceCode})
      ${auditId ? Prisma.sql`AND id <> ${auditId}::uuid` : Prisma.empty}
    LIMIT 1`;
  if (taken) throw referenceTaken(referenceCode, taken.referenceCode);
}

/**
 * The refusal, in words a lawyer reads on screen (the field is named by `errors[].field`).
 * `existing`: the other audit's spelling, when known.
 */
export function referenceTaken(referenceCode: string, existing = referenceCode): AppError {
  return AppError.duplicate(
    'referenceCode',
    existing === referenceCode
      ? `An audit with reference ${referenceCode} already exists.`
      : `An audit with reference ${existing} already exists; references that differ only in capital letters count as the same.`,
  );
}

/**
 * Whether a failed audit insert or update met the unique index on its reference: a concurrent
 * save took it between the look-up and the write. An audit's only other unique value is its id.
 */
export const referenceClash = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
