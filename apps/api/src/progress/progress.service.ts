import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import { Clock, computeProgress, localDeadline, timeLeft } from '@app/domain';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import type { AuditProgressDto } from './dto/progress.dto';

@Injectable()
export class ProgressService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AuditAccessService,
    private readonly clock: Clock,
  ) {}

  async get(auth: AuthContext, auditId: string): Promise<AuditProgressDto> {
    const { responseDeadline: at, deadlineTimeZone: zone } = await this.access.require(auth, auditId);
    const [subjects, requests, cells] = await Promise.all([
      this.prisma.subject.findMany({
        where: { auditId },
        select: { id: true, name: true },
        orderBy: [{ position: 'asc' }, { name: 'asc' }],
      }),
      this.prisma.auditRequest.findMany({
        where: { auditId },
        select: { id: true, ordinal: true, title: true },
        orderBy: { ordinal: 'asc' },
      }),
      this.prisma.response.findMany({
        where: { auditId },
        select: { subjectId: true, requestId: true, status: true, dueDate: true },
      }),
    ]);
    const now = this.clock.now();
    const progress = computeProgress(
      cells,
      { subjectIds: subjects.map((s) => s.id), requestIds: requests.map((r) => r.id) },
      { at, zone },
      now,
    );
    return {
      total: progress.total,
      done: progress.done,
      overdue: progress.overdue,
      percentComplete: progress.percentComplete,
      counts: progress.counts,
      bySubject: progress.bySubject.map(({ id, ...group }, i) => ({ subjectId: id, name: subjects[i].name, ...group })),
      byRequest: progress.byRequest.map(({ id, ...group }, i) => ({
        requestId: id,
        ordinal: requests[i].ordinal,
        title: requests[i].title,
        ...group,
      })),
      deadline: { at, local: localDeadline(at, zone), timeZone: zone },
      timeLeft: timeLeft(at, zone, now),
      asOf: now,
    };
  }
}
