import { Injectable } from '@nestjs/common';
import { type AfterCommit, PrismaService, type Tx, UnitOfWork } from '@app/db';
import { AuditRole, decideOwnerHandover, responseState, type WorkflowActor } from '@app/domain';
import {
  type Changes,
  creationChanges,
  deletionChanges,
  diffFields,
  recordActivities,
  recordActivity,
} from '@app/activity';
import { AppError } from '../common/app-error';
import { pageMeta, type PageQueryDto, skipTake } from '../common/pagination.dto';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import { GridSyncService } from '../responses/grid-sync.service';
import { LegalHoldService } from '../legal-hold/legal-hold.service';
import { ReminderPlannerService } from '../reminders/reminder-planner.service';
import type {
  CreateSubjectDto,
  SubjectDto,
  SubjectPageDto,
  UpdatedSubjectDto,
  UpdateSubjectDto,
} from './dto/subject.dto';
import { mapSubject, subjectInclude, type SubjectRow } from './subject.mapper';

type OwnerHandover = Pick<UpdatedSubjectDto, 'responsesReassigned' | 'responsesNotReassigned'>;

/** A subject as a handover reads it: whose work follows it is decided by its owner until now. */
export type SubjectOwnership = { id: string; auditId: string; ownerId: string | null };

/** The responses that follow a subject to its new owner, and how many a staffing rule keeps back. */
export interface HandoverPlan {
  newOwnerId: string;
  moved: { id: string; changes: Changes }[];
  notMoved: number;
}

/** An edit that gives the subject no new owner moves no response. */
const NO_HANDOVER: OwnerHandover = { responsesReassigned: 0, responsesNotReassigned: 0 };

@Injectable()
export class SubjectsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly uow: UnitOfWork,
    private readonly access: AuditAccessService,
    private readonly grid: GridSyncService,
    private readonly holds: LegalHoldService,
    private readonly reminders: ReminderPlannerService,
  ) {}

  async list(auth: AuthContext, auditId: string, query: PageQueryDto): Promise<SubjectPageDto> {
    await this.access.require(auth, auditId);
    const [total, rows] = await Promise.all([
      this.prisma.subject.count({ where: { auditId } }),
      this.prisma.subject.findMany({
        where: { auditId },
        include: subjectInclude,
        orderBy: [{ position: 'asc' }, { name: 'asc' }],
        ...skipTake(query),
      }),
    ]);
    return { ...pageMeta(query, total), items: rows.map(mapSubject) };
  }

  /** Adds a subject and its row of responses, one per request that applies to every subject. */
  async create(auth: AuthContext, auditId: string, dto: CreateSubjectDto): Promise<SubjectDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    return this.uow.run(async (tx, effects) => {
      await this.grid.lock(tx, auditId);
      await this.ensureNameFree(tx, auditId, dto.name);
      if (dto.ownerId) await this.access.requireWorkingMember(tx, auditId, dto.ownerId, 'ownerId');
      const position =
        dto.position ??
        ((await tx.subject.aggregate({ where: { auditId }, _max: { position: true } }))._max.position ?? 0) + 1;
      const subject = await tx.subject.create({ data: { auditId, ...dto, position }, include: subjectInclude });
      const { created } = await this.grid.sync(tx, effects, auditId);
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'subject',
        entityId: subject.id,
        action: 'created',
        changes: creationChanges({ ...dto, position, responsesCreated: created }),
      });
      return mapSubject(subject);
    });
  }

  /**
   * Edits a subject. A new owner takes over the subject's open work as a new cell's owner would
   * (`decideOwnerHandover`, @app/domain): the responses that were nobody's or still the previous
   * owner's are assigned to them in the same transaction, each with its activity event, as bulk
   * staffing writes them, and the audit's reminders re-planned after commit.
   */
  async update(
    auth: AuthContext,
    auditId: string,
    subjectId: string,
    dto: UpdateSubjectDto,
  ): Promise<UpdatedSubjectDto> {
    const { role } = await this.access.require(auth, auditId, AuditRole.COUNSEL);
    return this.uow.run(async (tx, effects) => {
      await this.grid.lock(tx, auditId);
      const current = await this.find(tx, auditId, subjectId);
      const { handOverOpenWork = true, ...fields } = dto;
      if (fields.name && fields.name !== current.name) await this.ensureNameFree(tx, auditId, fields.name);
      // Checked when it changes: the edit form sends the owner with every change, and renaming a
      // subject whose owner's account has since been deactivated is no new work for them.
      if (fields.ownerId && fields.ownerId !== current.ownerId)
        await this.access.requireWorkingMember(tx, auditId, fields.ownerId, 'ownerId');
      const changes = diffFields(current, fields);
      if (Object.keys(changes).length === 0) return { ...mapSubject(current), ...NO_HANDOVER };
      const subject = await tx.subject.update({ where: { id: subjectId }, data: fields, include: subjectInclude });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'subject',
        entityId: subjectId,
        action: 'updated',
        changes,
      });
      const handover =
        handOverOpenWork && subject.ownerId && subject.ownerId !== current.ownerId
          ? await this.handOver(tx, effects, { userId: auth.user.id, role }, current, subject.ownerId)
          : NO_HANDOVER;
      return { ...mapSubject(subject), ...handover };
    });
  }

  /**
   * Hands the subject's open work over to its new owner and re-plans the audit's reminders
   * after commit when any moved (`update`; an import hands over several subjects, then re-plans
   * once).
   */
  private async handOver(
    tx: Tx,
    effects: AfterCommit,
    actor: WorkflowActor,
    subject: SubjectOwnership,
    newOwnerId: string,
  ): Promise<OwnerHandover> {
    const plan = await this.planHandover(tx, actor, subject, newOwnerId);
    await this.applyHandover(tx, actor.userId, subject.auditId, plan);
    // New assignees are owed their digests and overdue notices, the old ones no longer.
    if (plan.moved.length > 0) await this.reminders.replan(tx, effects, subject.auditId);
    return { responsesReassigned: plan.moved.length, responsesNotReassigned: plan.notMoved };
  }

  /**
   * Which of the subject's responses follow it to `newOwnerId` (decideOwnerHandover, with the
   * changes each would record), and how many a staffing rule keeps from following. Reads only:
   * an import's preview asks it too.
   */
  async planHandover(
    db: Tx,
    actor: WorkflowActor,
    subject: SubjectOwnership,
    newOwnerId: string,
  ): Promise<HandoverPlan> {
    const rows = await db.response.findMany({ where: { subjectId: subject.id } });
    const members = await this.access.memberRoles(db, subject.auditId, [newOwnerId]);
    const plan: HandoverPlan = { newOwnerId, moved: [], notMoved: 0 };
    for (const row of rows) {
      const state = responseState(row, subject.ownerId);
      const decision = decideOwnerHandover(state, subject.ownerId, newOwnerId, actor, members);
      if (decision.outcome === 'apply') plan.moved.push({ id: row.id, changes: diffFields(state, decision.change) });
      else if (decision.outcome === 'refuse') plan.notMoved += 1;
    }
    return plan;
  }

  /**
   * Writes a handover plan in the caller's transaction (the responses already locked by
   * `grid.lock`): one UPDATE, each version bumped, an activity event per response as bulk
   * staffing writes them. The caller re-plans the audit's reminders.
   */
  async applyHandover(tx: Tx, actorId: string, auditId: string, plan: HandoverPlan) {
    if (plan.moved.length === 0) return;
    await tx.response.updateMany({
      where: { id: { in: plan.moved.map((m) => m.id) } },
      data: { assigneeId: plan.newOwnerId, version: { increment: 1 } },
    });
    await recordActivities(
      tx,
      plan.moved.map(({ id, changes }) => ({
        actorId,
        auditId,
        entityType: 'response' as const,
        entityId: id,
        action: 'updated' as const,
        changes,
      })),
    );
  }

  /** Deletes a subject whose responses hold no work (they go with it). */
  async remove(auth: AuthContext, auditId: string, subjectId: string): Promise<void> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    await this.prisma.$transaction(async (tx) => {
      await this.grid.lock(tx, auditId);
      const current = await this.find(tx, auditId, subjectId);
      await this.holds.ensureDeletable(tx, auditId, 'this subject and its responses');
      await this.grid.ensureNoWork(tx, { subjectId }, 'subject');
      await tx.subject.delete({ where: { id: subjectId } });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'subject',
        entityId: subjectId,
        action: 'deleted',
        changes: deletionChanges({ name: current.name, product: current.product }),
      });
    });
  }

  private async find(tx: Tx, auditId: string, subjectId: string): Promise<SubjectRow> {
    const subject = await tx.subject.findFirst({ where: { id: subjectId, auditId }, include: subjectInclude });
    if (!subject) throw AppError.notFound('Subject');
    return subject;
  }

  private async ensureNameFree(tx: Tx, auditId: string, name: string): Promise<void> {
    const taken = await tx.subject.findUnique({ where: { auditId_name: { auditId, name } }, select: { id: true } });
    if (taken) throw AppError.duplicate('name', `A subject named ${name} already exists in this audit.`);
  }
}
