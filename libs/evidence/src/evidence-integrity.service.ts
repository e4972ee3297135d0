import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { PrismaService } from '@app/db';
import { Clock, IntegrityResult } from '@app/domain';
import { recordActivity } from '@app/activity';
import { BlobNotFoundError, BlobStore } from '@app/storage';

export interface VersionVerification {
  versionId: string;
  result: IntegrityResult;
  /** The SHA-256 recorded at intake. */
  expectedSha256: string;
  /** The SHA-256 of the bytes stored now; null when they are missing. */
  actualSha256: string | null;
  verifiedAt: Date;
}

export interface AuditVerification {
  auditId: string;
  checked: number;
  matched: number;
  mismatched: number;
  missing: number;
}

/**
 * Re-hashes stored evidence and records the result on each version: the same code for the
 * verify endpoint (one version) and the integrity job (every file of an audit). A mismatch
 * or missing file is recorded as its own activity action, so it stands out in the log.
 */
@Injectable()
export class EvidenceIntegrityService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly store: BlobStore,
    private readonly clock: Clock,
  ) {}

  async verifyVersion(versionId: string, actorId: string | null): Promise<VersionVerification> {
    const version = await this.prisma.evidenceVersion.findUniqueOrThrow({
      where: { id: versionId },
      select: {
        id: true,
        number: true,
        sha256: true,
        storageKey: true,
        evidence: { select: { id: true, auditId: true } },
      },
    });
    // Hashing a large file takes a while: done before, not inside, the recording transaction.
    const actualSha256 = await this.hashStored(version.storageKey);
    const result =
      actualSha256 === null
        ? IntegrityResult.MISSING
        : actualSha256 === version.sha256
          ? IntegrityResult.MATCH
          : IntegrityResult.MISMATCH;
    const verifiedAt = this.clock.now();
    await this.prisma.$transaction(async (tx) => {
      await tx.evidenceVersion.update({
        where: { id: versionId },
        data: { lastVerifiedAt: verifiedAt, lastVerification: result },
      });
      await recordActivity(tx, {
        actorId,
        auditId: version.evidence.auditId,
        entityType: 'evidence',
        entityId: version.evidence.id,
        action: result === IntegrityResult.MATCH ? 'integrity_verified' : 'integrity_failed',
        changes: {
          version: { before: null, after: version.number },
          result: { before: null, after: result },
          expectedSha256: { before: null, after: version.sha256 },
          actualSha256: { before: null, after: actualSha256 },
        },
      });
    });
    return { versionId, result, expectedSha256: version.sha256, actualSha256, verifiedAt };
  }

  /** Verifies every version of every (not deleted) file of the audit, one after the other. */
  async verifyAudit(auditId: string, actorId: string | null): Promise<AuditVerification> {
    const versions = await this.prisma.evidenceVersion.findMany({
      where: { evidence: { auditId, deletedAt: null } },
      select: { id: true },
      orderBy: [{ evidenceId: 'asc' }, { number: 'asc' }],
    });
    const summary: AuditVerification = { auditId, checked: 0, matched: 0, mismatched: 0, missing: 0 };
    for (const { id } of versions) {
      const { result } = await this.verifyVersion(id, actorId);
      summary.checked += 1;
      if (result === IntegrityResult.MATCH) summary.matched += 1;
      else if (result === IntegrityResult.MISMATCH) summary.mismatched += 1;
      else summary.missing += 1;
    }
    return summary;
  }

  /** SHA-256 of the stored bytes, or null when nothing is stored under the key. */
  private async hashStored(key: string): Promise<string | null> {
    try {
      const stream = await this.store.open(key);
      const hash = createHash('sha256');
      for await (const chunk of stream) hash.update(chunk as Buffer);
      return hash.digest('hex');
    } catch (error) {
      if (error instanceof BlobNotFoundError) return null;
      throw error;
    }
  }
}
