import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '@app/db';
import { AuditRole, Clock, decideDeletionUnderHold } from '@app/domain';
import { recordActivity } from '@app/activity';
import { AppError } from '../common/app-error';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import type { LegalHoldDto, LiftLegalHoldDto, PlaceLegalHoldDto } from './dto/legal-hold.dto';
import { holdSelect, mapLegalHold } from './legal-hold.mapper';

/**
 * Places and lifts an audit's legal hold, and is the one gate every deleting path passes:
 * `ensureDeletable` inside the deleting transaction.
 */
@Injectable()
export class LegalHoldService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AuditAccessService,
    private readonly clock: Clock,
  ) {}

  /**
   * Throws 409 naming the hold when the audit is on hold. Locks the audit row (FOR SHARE)
   * first, so a hold placed concurrently either waits for this deletion to commit or is seen
   * by it: a deletion never slips in under a hold.
   */
  async ensureDeletable(tx: Tx, auditId: string, what: string): Promise<void> {
    const [audit] = await tx.$queryRaw<{ legalHoldSince: Date | null; legalHoldReason: string | null }[]>`
      SELECT legal_hold_since AS "legalHoldSince", legal_hold_reason AS "legalHoldReason"
      FROM audits WHERE id = ${auditId}::uuid FOR SHARE`;
    if (!audit) throw AppError.notFound('Audit');
    const decision = decideDeletionUnderHold(audit, what);
    if (!decision.allowed) {
      throw AppError.conflict(decision.message, {
        legalHold: { since: audit.legalHoldSince, reason: audit.legalHoldReason },
      });
    }
  }

  async get(auth: AuthContext, auditId: string): Promise<LegalHoldDto> {
    await this.access.require(auth, auditId);
    return mapLegalHold(await this.prisma.audit.findUniqueOrThrow({ where: { id: auditId }, select: holdSelect }));
  }

  /** Lead counsel places the hold; a reason is required. Placing it twice is a conflict. */
  async place(auth: AuthContext, auditId: string, dto: PlaceLegalHoldDto): Promise<LegalHoldDto> {
    await this.access.require(auth, auditId, AuditRole.LEAD_COUNSEL);
    const audit = await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.audit.updateMany({
        where: { id: auditId, legalHoldSince: null },
        data: { legalHoldSince: this.clock.now(), legalHoldReason: dto.reason, legalHoldById: auth.user.id },
      });
      const audit = await tx.audit.findUniqueOrThrow({ where: { id: auditId }, select: holdSelect });
      if (count === 0) {
        throw AppError.conflict(`The audit is already under legal hold since ${audit.legalHoldSince!.toISOString()}.`, {
          legalHold: { since: audit.legalHoldSince, reason: audit.legalHoldReason },
        });
      }
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'audit',
        entityId: auditId,
        action: 'legal_hold_placed',
        changes: {
          legalHoldReason: { before: null, after: dto.reason },
          legalHoldSince: { before: null, after: audit.legalHoldSince!.toISOString() },
        },
      });
      return audit;
    });
    return mapLegalHold(audit);
  }

  /**
   * Lead counsel lifts the hold, saying why; deletion is possible again. The audit row is
   * locked before the hold is read, so of concurrent lifts one clears it and the others find
   * none (409), and the hold cleared is always the one the event records.
   */
  async lift(auth: AuthContext, auditId: string, dto: LiftLegalHoldDto): Promise<LegalHoldDto> {
    await this.access.require(auth, auditId, AuditRole.LEAD_COUNSEL);
    const audit = await this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM audits WHERE id = ${auditId}::uuid FOR UPDATE`;
      const current = await tx.audit.findUniqueOrThrow({ where: { id: auditId }, select: holdSelect });
      if (!current.legalHoldSince) throw AppError.conflict('The audit is not under legal hold.');
      const audit = await tx.audit.update({
        where: { id: auditId },
        data: { legalHoldSince: null, legalHoldReason: null, legalHoldById: null },
        select: holdSelect,
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'audit',
        entityId: auditId,
        action: 'legal_hold_lifted',
        changes: {
          legalHoldReason: { before: current.legalHoldReason, after: null },
          legalHoldSince: { before: current.legalHoldSince.toISOString(), after: null },
          liftReason: { before: null, after: dto.reason },
        },
      });
      return audit;
    });
    return mapLegalHold(audit);
  }
}
