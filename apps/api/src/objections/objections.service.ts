import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx, UnitOfWork } from '@app/db';
import { OrgRole } from '@app/domain';
import { creationChanges, diffFields, recordActivity } from '@app/activity';
import { AppError } from '../common/app-error';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import type { CreateObjectionDto, ObjectionDto, UpdateObjectionDto } from './dto/objection.dto';
import { mapObjection, objectionInclude } from './objection.mapper';

/**
 * The organisation's objection library. Everyone signed in reads it (the response tab picks
 * from it); counsel edit it: org admins, and whoever is counsel or lead counsel in some audit
 * (the library has no audit of its own to hold a role in).
 */
@Injectable()
export class ObjectionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly uow: UnitOfWork,
    private readonly access: AuditAccessService,
  ) {}

  async list(): Promise<ObjectionDto[]> {
    const rows = await this.prisma.objection.findMany({ include: objectionInclude, orderBy: { title: 'asc' } });
    return rows.map(mapObjection);
  }

  async create(auth: AuthContext, dto: CreateObjectionDto): Promise<ObjectionDto> {
    await this.requireCounsel(auth);
    const row = await this.uow.run(async (tx) => {
      await this.ensureCodeFree(tx, dto.code, null);
      const created = await tx.objection.create({ data: dto, include: objectionInclude });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId: null,
        entityType: 'objection',
        entityId: created.id,
        action: 'created',
        changes: creationChanges({ code: dto.code, title: dto.title, wording: dto.wording }),
      });
      return created;
    });
    return mapObjection(row);
  }

  async update(auth: AuthContext, objectionId: string, dto: UpdateObjectionDto): Promise<ObjectionDto> {
    await this.requireCounsel(auth);
    const row = await this.uow.run(async (tx) => {
      const current = await tx.objection.findUnique({ where: { id: objectionId } });
      if (!current) throw AppError.notFound('Objection');
      if (dto.code !== undefined) await this.ensureCodeFree(tx, dto.code, objectionId);
      const changes = diffFields(current, dto);
      if (Object.keys(changes).length === 0)
        return tx.objection.findUniqueOrThrow({ where: { id: objectionId }, include: objectionInclude });
      const updated = await tx.objection.update({ where: { id: objectionId }, data: dto, include: objectionInclude });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId: null,
        entityType: 'objection',
        entityId: objectionId,
        action: 'updated',
        changes,
      });
      return updated;
    });
    return mapObjection(row);
  }

  /** Deletes an objection no request raises (one that is raised would change letters already drafted). */
  async remove(auth: AuthContext, objectionId: string): Promise<void> {
    await this.requireCounsel(auth);
    await this.uow.run(async (tx) => {
      // FOR UPDATE: a disposition raising it concurrently waits, then fails its foreign key.
      const rows = await tx.$queryRaw<
        { id: string }[]
      >`SELECT id FROM objections WHERE id = ${objectionId}::uuid FOR UPDATE`;
      if (rows.length === 0) throw AppError.notFound('Objection');
      const current = await tx.objection.findUniqueOrThrow({ where: { id: objectionId }, include: objectionInclude });
      if (current._count.raisedIn > 0)
        throw AppError.conflict(
          `This objection is raised against ${current._count.raisedIn} request(s); remove it from them before deleting it.`,
        );
      await tx.objection.delete({ where: { id: objectionId } });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId: null,
        entityType: 'objection',
        entityId: objectionId,
        action: 'deleted',
        changes: { code: { before: current.code, after: null }, title: { before: current.title, after: null } },
      });
    });
  }

  private async requireCounsel(auth: AuthContext): Promise<void> {
    if (auth.user.orgRole === OrgRole.ADMIN) return;
    if (!(await this.access.counselSomewhere(auth.user.id)))
      throw AppError.forbidden('Only counsel may edit the objection library.');
  }

  private async ensureCodeFree(tx: Tx, code: string, exceptId: string | null): Promise<void> {
    const clash = await tx.objection.findUnique({ where: { code }, select: { id: true } });
    if (clash && clash.id !== exceptId)
      throw AppError.duplicate('code', `The library already has an objection coded ${code}.`);
  }
}
