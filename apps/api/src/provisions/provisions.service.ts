import { Injectable } from '@nestjs/common';
import { type Provision, PrismaService, type Tx } from '@app/db';
import { AuditRole } from '@app/domain';
import { creationChanges, deletionChanges, diffFields, recordActivity } from '@app/activity';
import { AppError } from '../common/app-error';
import { pageMeta, type PageQueryDto, skipTake } from '../common/pagination.dto';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import { LegalHoldService } from '../legal-hold/legal-hold.service';
import type { CreateProvisionDto, ProvisionDto, ProvisionPageDto, UpdateProvisionDto } from './dto/provision.dto';
import { mapProvision } from './provision.mapper';

@Injectable()
export class ProvisionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AuditAccessService,
    private readonly holds: LegalHoldService,
  ) {}

  async list(auth: AuthContext, auditId: string, query: PageQueryDto): Promise<ProvisionPageDto> {
    await this.access.require(auth, auditId);
    const [total, rows] = await Promise.all([
      this.prisma.provision.count({ where: { auditId } }),
      this.prisma.provision.findMany({
        where: { auditId },
        orderBy: [{ position: { sort: 'asc', nulls: 'last' } }, { reference: 'asc' }],
        ...skipTake(query),
      }),
    ]);
    return { ...pageMeta(query, total), items: rows.map(mapProvision) };
  }

  async create(auth: AuthContext, auditId: string, dto: CreateProvisionDto): Promise<ProvisionDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    return this.prisma.$transaction(async (tx) => {
      await this.ensureReferenceFree(tx, auditId, dto.reference);
      const provision = await tx.provision.create({ data: { auditId, ...dto } });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'provision',
        entityId: provision.id,
        action: 'created',
        changes: creationChanges({ ...dto }),
      });
      return mapProvision(provision);
    });
  }

  async update(
    auth: AuthContext,
    auditId: string,
    provisionId: string,
    dto: UpdateProvisionDto,
  ): Promise<ProvisionDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    return this.prisma.$transaction(async (tx) => {
      const current = await this.find(tx, auditId, provisionId);
      if (dto.reference && dto.reference !== current.reference)
        await this.ensureReferenceFree(tx, auditId, dto.reference);
      const changes = diffFields(current, dto);
      if (Object.keys(changes).length === 0) return mapProvision(current);
      const provision = await tx.provision.update({ where: { id: provisionId }, data: dto });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'provision',
        entityId: provisionId,
        action: 'updated',
        changes,
      });
      return mapProvision(provision);
    });
  }

  async remove(auth: AuthContext, auditId: string, provisionId: string): Promise<void> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    await this.prisma.$transaction(async (tx) => {
      const current = await this.find(tx, auditId, provisionId);
      await this.holds.ensureDeletable(tx, auditId, 'this provision');
      const citing = await tx.auditRequest.findMany({
        where: { provisionId },
        select: { ordinal: true },
        orderBy: { ordinal: 'asc' },
      });
      if (citing.length > 0) {
        const numbers = citing.map((r) => r.ordinal);
        const which =
          numbers.length === 1
            ? `Request ${numbers[0]} cites`
            : `Requests ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)} cite`;
        throw AppError.conflict(
          `${which} provision ${current.reference}: change ${numbers.length === 1 ? 'it' : 'them'} first.`,
        );
      }
      await tx.provision.delete({ where: { id: provisionId } });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'provision',
        entityId: provisionId,
        action: 'deleted',
        changes: deletionChanges({ reference: current.reference, title: current.title }),
      });
    });
  }

  private async find(tx: Tx, auditId: string, provisionId: string): Promise<Provision> {
    const provision = await tx.provision.findFirst({ where: { id: provisionId, auditId } });
    if (!provision) throw AppError.notFound('Provision');
    return provision;
  }

  private async ensureReferenceFree(tx: Tx, auditId: string, reference: string): Promise<void> {
    const taken = await tx.provision.findUnique({
      where: { auditId_reference: { auditId, reference } },
      select: { id: true },
    });
    if (taken) throw AppError.duplicate('reference', `Provision ${reference} already exists in this audit.`);
  }
}
