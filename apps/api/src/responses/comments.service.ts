import { Injectable } from '@nestjs/common';
import { PrismaService, type Prisma } from '@app/db';
import { AuditRole, canComment } from '@app/domain';
import { creationChanges, recordActivity } from '@app/activity';
import { AppError } from '../common/app-error';
import { pageMeta, type PageQueryDto, skipTake } from '../common/pagination.dto';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import type { CommentDto, CommentPageDto, CreateCommentDto } from './dto/comment.dto';
import { commentInclude, mapComment } from './comment.mapper';

@Injectable()
export class CommentsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AuditAccessService,
  ) {}

  /** Comments on a response, oldest first. */
  async list(auth: AuthContext, auditId: string, responseId: string, query: PageQueryDto): Promise<CommentPageDto> {
    await this.access.require(auth, auditId);
    await this.ensureResponse(this.prisma, auditId, responseId);
    const [total, rows] = await Promise.all([
      this.prisma.comment.count({ where: { responseId } }),
      this.prisma.comment.findMany({
        where: { responseId },
        include: commentInclude,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        ...skipTake(query),
      }),
    ]);
    return { ...pageMeta(query, total), items: rows.map(mapComment) };
  }

  /** Comments come from those who work on or review the response, and from counsel. */
  async create(auth: AuthContext, auditId: string, responseId: string, dto: CreateCommentDto): Promise<CommentDto> {
    const { role } = await this.access.require(auth, auditId, AuditRole.CONTRIBUTOR);
    return this.prisma.$transaction(async (tx) => {
      const response = await this.ensureResponse(tx, auditId, responseId);
      const state = { ...response, subjectOwnerId: response.subject.ownerId };
      if (!canComment(state, { userId: auth.user.id, role })) {
        throw AppError.forbidden(
          'Only the assignee, the reviewer, the app owner or counsel can comment on this response.',
        );
      }
      const comment = await tx.comment.create({
        data: { responseId, authorId: auth.user.id, body: dto.body },
        include: commentInclude,
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'comment',
        entityId: comment.id,
        action: 'created',
        changes: creationChanges({ responseId, body: dto.body }),
      });
      return mapComment(comment);
    });
  }

  private async ensureResponse(db: Prisma.TransactionClient | PrismaService, auditId: string, responseId: string) {
    const found = await db.response.findFirst({
      where: { id: responseId, auditId },
      select: { assigneeId: true, reviewerId: true, subject: { select: { ownerId: true } } },
    });
    if (!found) throw AppError.notFound('Response');
    return found;
  }
}
