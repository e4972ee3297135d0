import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '@app/db';
import { AuditRole, describeOrderProblem, orderProblem, renumbered } from '@app/domain';
import { recordActivity } from '@app/activity';
import { AppError, ErrorCode } from '../common/app-error';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import { mapProvision } from '../provisions/provision.mapper';
import { mapRequest, requestInclude } from '../requests/request.mapper';
import { mapSubject, subjectInclude } from '../subjects/subject.mapper';
import type { ProvisionListDto, RequestListDto, SubjectListDto } from './dto/structure-order.dto';

/** The order provisions are listed in: reordered ones first, then the rest by reference. */
export const provisionOrder = [{ position: { sort: 'asc', nulls: 'last' } }, { reference: 'asc' }] as const;

/**
 * Reorders a whole list of an audit in one transaction with one activity event, so a move is
 * never left half-done. Each takes the audit row FOR UPDATE first, like every change to the
 * grid's structure (`GridSyncService.lock`): concurrent reorders, and additions or deletions of
 * subjects and requests, run one after the other, and each checks the list it was given
 * against the rows as they stand when it runs.
 */
@Injectable()
export class StructureOrderService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AuditAccessService,
  ) {}

  async provisions(auth: AuthContext, auditId: string, ids: string[]): Promise<ProvisionListDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    return this.prisma.$transaction(async (tx) => {
      await lockAudit(tx, auditId);
      const current = await tx.provision.findMany({ where: { auditId }, orderBy: [...provisionOrder] });
      ensureSameList('provisions', current, ids);
      const changed = current.some((p, i) => p.id !== ids[i]);
      if (changed) {
        await tx.$executeRaw`
          UPDATE provisions p SET position = v.position, updated_at = now()
          FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS v(id, position)
          WHERE p.id = v.id AND p.audit_id = ${auditId}::uuid`;
        await this.record(tx, auth, auditId, 'provision', current.map(labelOf('reference')), ids, current);
      }
      const rows = await tx.provision.findMany({ where: { auditId }, orderBy: [...provisionOrder] });
      return { items: rows.map(mapProvision) };
    });
  }

  async subjects(auth: AuthContext, auditId: string, ids: string[]): Promise<SubjectListDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    return this.prisma.$transaction(async (tx) => {
      await lockAudit(tx, auditId);
      const order = [{ position: 'asc' as const }, { name: 'asc' as const }];
      const current = await tx.subject.findMany({ where: { auditId }, orderBy: order });
      ensureSameList('subjects', current, ids);
      const changed = current.some((s, i) => s.id !== ids[i]);
      if (changed) {
        await tx.$executeRaw`
          UPDATE subjects s SET position = v.position, updated_at = now()
          FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS v(id, position)
          WHERE s.id = v.id AND s.audit_id = ${auditId}::uuid`;
        await this.record(tx, auth, auditId, 'subject', current.map(labelOf('name')), ids, current);
      }
      const rows = await tx.subject.findMany({ where: { auditId }, include: subjectInclude, orderBy: order });
      return { items: rows.map(mapSubject) };
    });
  }

  async requests(auth: AuthContext, auditId: string, ids: string[]): Promise<RequestListDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    return this.prisma.$transaction(async (tx) => {
      await lockAudit(tx, auditId);
      const current = await tx.auditRequest.findMany({ where: { auditId }, orderBy: { ordinal: 'asc' } });
      ensureSameList('requests', current, ids);
      const numbers = renumbered(current.map((r) => r.ordinal));
      const changed = current.some((r, i) => r.id !== ids[i]);
      if (changed) {
        // Numbers are unique in an audit and PostgreSQL checks that row by row: park every
        // request on its negative number first, so no two ever hold the same one mid-update.
        await tx.$executeRaw`UPDATE requests SET ordinal = -ordinal WHERE audit_id = ${auditId}::uuid`;
        await tx.$executeRaw`
          UPDATE requests r SET ordinal = v.ordinal, updated_at = now()
          FROM unnest(${ids}::uuid[], ${numbers}::int[]) AS v(id, ordinal)
          WHERE r.id = v.id AND r.audit_id = ${auditId}::uuid`;
        const label = (r: { ordinal: number; title: string }) => `${r.ordinal}. ${r.title}`;
        const byId = new Map(current.map((r) => [r.id, r]));
        await recordActivity(tx, {
          actorId: auth.user.id,
          auditId,
          entityType: 'request',
          entityId: auditId,
          action: 'reordered',
          changes: {
            order: {
              before: current.map(label),
              after: ids.map((id, i) => label({ ordinal: numbers[i], title: byId.get(id)!.title })),
            },
          },
        });
      }
      const rows = await tx.auditRequest.findMany({
        where: { auditId },
        include: requestInclude,
        orderBy: { ordinal: 'asc' },
      });
      return { items: rows.map(mapRequest) };
    });
  }

  private async record<T extends { id: string }>(
    tx: Tx,
    auth: AuthContext,
    auditId: string,
    entityType: 'provision' | 'subject',
    before: string[],
    ids: string[],
    rows: T[],
  ): Promise<void> {
    const labels = new Map(rows.map((row, i) => [row.id, before[i]]));
    await recordActivity(tx, {
      actorId: auth.user.id,
      auditId,
      entityType,
      entityId: auditId,
      action: 'reordered',
      changes: { order: { before, after: ids.map((id) => labels.get(id)!) } },
    });
  }
}

const lockAudit = (tx: Tx, auditId: string) =>
  tx.$queryRaw`SELECT id FROM audits WHERE id = ${auditId}::uuid FOR UPDATE`;

const labelOf =
  <K extends string>(key: K) =>
  (row: Record<K, string>) =>
    row[key];

function ensureSameList(what: string, current: { id: string }[], ids: string[]): void {
  const problem = orderProblem(
    current.map((row) => row.id),
    ids,
  );
  if (!problem) return;
  const message = describeOrderProblem(what, problem);
  throw new AppError(ErrorCode.CONFLICT, message, [{ field: 'ids', message }], {
    missingIds: problem.missing,
    unknownIds: problem.unknown,
  });
}
