// What a submitted response package carries: its files, and the evidence its letter and report
// may name (the package's checklist counts the files too).
import type { Tx } from '@app/db';
import { releasableVersion } from '../productions/productions.service';

/**
 * The evidence the served report lists: each file the package carries, at the version it
 * carries, and the links and notes behind approved answers (they travel in the report, not
 * as files). A record withheld as privileged is described only by the privilege log.
 */
export async function packageEvidence(db: Tx, auditId: string) {
  // One read after the other: in a transaction they share one connection.
  const files = await releasableEvidence(db, auditId);
  const linksAndNotes = await db.evidence.findMany({
    where: {
      auditId,
      kind: { not: 'FILE' },
      deletedAt: null,
      sourceDocumentKind: null,
      responses: { some: { response: { status: 'APPROVED' } } },
    },
    select: { id: true },
  });
  const released = new Map<string, number | null>([
    ...files.map((f): [string, number] => [f.evidenceId, f.number]),
    ...linksAndNotes.map((e): [string, null] => [e.id, null]),
  ]);
  return { files, released };
}

/**
 * The evidence a package carries: of each evidence record, its newest version approved for
 * release (as a volume may take it) and not withheld by the privilege log. A record whose
 * version is redacted (boxes drawn on it, or logged as REDACTED) is left out whole: the
 * package carries files as stored, so its redactions would not be burnt in, and an earlier
 * version in its place would hold what they cover. It goes out in a production volume.
 */
export async function releasableEvidence(db: Tx, auditId: string) {
  const versions = await db.evidenceVersion.findMany({
    where: { ...releasableVersion(auditId), privilegeLogEntries: { none: { treatment: 'WITHHELD' } } },
    orderBy: [{ evidence: { title: 'asc' } }, { evidenceId: 'asc' }, { number: 'desc' }],
    select: {
      evidenceId: true,
      number: true,
      fileName: true,
      sha256: true,
      storageKey: true,
      evidence: { select: { title: true } },
      _count: { select: { redactions: true } },
      privilegeLogEntries: { where: { treatment: 'REDACTED' }, select: { id: true }, take: 1 },
    },
  });
  const seen = new Set<string>();
  return versions
    .filter((v) => !seen.has(v.evidenceId) && seen.add(v.evidenceId))
    .filter((v) => v._count.redactions === 0 && v.privilegeLogEntries.length === 0)
    .map(({ _count, privilegeLogEntries, ...v }) => ({ ...v, title: v.evidence.title }));
}
