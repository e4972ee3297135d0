import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { PrismaService } from '@app/db';
import { AuditRole, Clock, REPORT_STATUS_LABEL, todayIn } from '@app/domain';
import { recordActivity } from '@app/activity';
import { QueueName, type ReportJob } from '@app/queue';
import { DocumentRenderPool, RenderPoolBusyError } from '@app/documents';
import { generateReport, reportFileName, type ReportOptions, UnknownSubjectsError } from '@app/report';
import { AppError } from '../common/app-error';
import type { FileDownload } from '../common/file-download';
import { pageMeta, type PageQueryDto, skipTake } from '../common/pagination.dto';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import type { ReportDto, ReportOptionsDto, ReportPageDto } from './dto/report.dto';
import { mapReport, reportSelect } from './report.mapper';

/**
 * PDF reports of an audit. Members read reports; generating one (streamed or queued) takes
 * COUNSEL or above, since it produces a document meant to leave the team.
 */
export const GENERATE_REPORT_ROLE = AuditRole.COUNSEL;

const PDF = 'application/pdf';

@Injectable()
export class ReportsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AuditAccessService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly renderPool: DocumentRenderPool,
    @InjectQueue(QueueName.Reports) private readonly queue: Queue<ReportJob>,
  ) {}

  /** Renders the report while the caller waits, for audits up to REPORT_STREAM_MAX_RESPONSES. */
  async stream(auth: AuthContext, auditId: string, dto: ReportOptionsDto): Promise<FileDownload> {
    const access = await this.access.require(auth, auditId, GENERATE_REPORT_ROLE);
    const options = toOptions(dto);
    await this.requireSubjects(auditId, options);
    const size = await this.prisma.response.count({
      where: { auditId, ...(options.subjectIds && { subjectId: { in: options.subjectIds } }) },
    });
    const limit = this.config.REPORT_STREAM_MAX_RESPONSES;
    if (size > limit) {
      throw new AppError(
        'RULE_VIOLATION',
        `This report covers ${size} responses; reports of more than ${limit} are rendered in the background. Queue one with POST /api/audits/${auditId}/reports and download it when it is done.`,
        [],
        { responses: size, limit, queueUrl: `/api/audits/${auditId}/reports` },
      );
    }
    const now = this.clock.now();
    const report = await generateReport(
      this.prisma,
      auditId,
      options,
      { now, generatedBy: auth.user.name },
      (template, data, opts) => this.renderPool.render(template, data, opts),
    ).catch((error: unknown) => {
      if (error instanceof RenderPoolBusyError)
        throw new AppError(
          'BUSY',
          `${error.message} Or queue the report with POST /api/audits/${auditId}/reports and download it when it is done.`,
          [],
          { queueUrl: `/api/audits/${auditId}/reports` },
        );
      throw error;
    });
    if (!report) throw AppError.notFound('Audit');
    await recordActivity(this.prisma, {
      actorId: auth.user.id,
      auditId,
      entityType: 'report',
      entityId: auditId,
      action: 'generated',
      changes: {
        delivery: { before: null, after: 'streamed' },
        options: { before: null, after: { ...options } },
        pageCount: { before: null, after: report.pageCount },
      },
    });
    const { referenceCode } = await this.prisma.audit.findUniqueOrThrow({
      where: { id: auditId },
      select: { referenceCode: true },
    });
    return {
      content: report.bytes,
      fileName: reportFileName(referenceCode, todayIn(access.deadlineTimeZone, now), report.draft),
      mediaType: PDF,
    };
  }

  /** Creates the Report row and queues its rendering; the job carries the id only. */
  async queueReport(auth: AuthContext, auditId: string, dto: ReportOptionsDto): Promise<ReportDto> {
    await this.access.require(auth, auditId, GENERATE_REPORT_ROLE);
    const options = toOptions(dto);
    await this.requireSubjects(auditId, options);
    const row = await this.prisma.$transaction(async (tx) => {
      const created = await tx.report.create({
        data: { auditId, options: { ...options }, requestedById: auth.user.id, createdAt: this.clock.now() },
        select: reportSelect,
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'report',
        entityId: created.id,
        action: 'queued',
        changes: { options: { before: null, after: { ...options } } },
      });
      return created;
    });
    // After the commit, so the worker always finds the row. A deterministic job id makes a
    // retried POST-then-queue idempotent. Awaited here rather than registered as a UnitOfWork
    // effect (those are best effort): no reconciler re-queues a report, so the caller must
    // learn that this one was not queued.
    await this.queue.add(
      'render',
      { reportId: row.id },
      { jobId: `report-${row.id}`, removeOnComplete: 1000, removeOnFail: 1000 },
    );
    return mapReport(row);
  }

  async list(auth: AuthContext, auditId: string, query: PageQueryDto): Promise<ReportPageDto> {
    await this.access.require(auth, auditId);
    const where = { auditId };
    const [total, rows] = await Promise.all([
      this.prisma.report.count({ where }),
      this.prisma.report.findMany({
        where,
        select: reportSelect,
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        ...skipTake(query),
      }),
    ]);
    return { ...pageMeta(query, total), items: rows.map(mapReport) };
  }

  async get(auth: AuthContext, auditId: string, reportId: string): Promise<ReportDto> {
    await this.access.require(auth, auditId);
    const row = await this.prisma.report.findFirst({ where: { id: reportId, auditId }, select: reportSelect });
    if (!row) throw AppError.notFound('Report');
    return mapReport(row);
  }

  async download(auth: AuthContext, auditId: string, reportId: string): Promise<FileDownload> {
    await this.access.require(auth, auditId);
    const row = await this.prisma.report.findFirst({
      where: { id: reportId, auditId },
      select: {
        status: true,
        createdAt: true,
        draft: true,
        file: { select: { content: true } },
        audit: { select: { referenceCode: true, deadlineTimeZone: true } },
      },
    });
    if (!row) throw AppError.notFound('Report');
    if (row.status !== 'DONE' || !row.file)
      throw AppError.conflict(
        `The report is not ready (${REPORT_STATUS_LABEL[row.status].toLowerCase()}): poll GET /api/audits/${auditId}/reports/${reportId}.`,
        { reportStatus: row.status },
      );
    return {
      content: Buffer.from(row.file.content),
      fileName: reportFileName(
        row.audit.referenceCode,
        todayIn(row.audit.deadlineTimeZone, row.createdAt),
        row.draft === true,
      ),
      mediaType: PDF,
    };
  }

  private async requireSubjects(auditId: string, options: ReportOptions): Promise<void> {
    if (!options.subjectIds) return;
    const found = await this.prisma.subject.findMany({
      where: { auditId, id: { in: options.subjectIds } },
      select: { id: true },
    });
    const known = new Set(found.map((s) => s.id));
    const unknown = options.subjectIds.filter((id) => !known.has(id));
    if (unknown.length) throw subjectsError(new UnknownSubjectsError(unknown));
  }
}

const toOptions = (dto: ReportOptionsDto): ReportOptions & { subjectIds: string[] | undefined } => ({
  subjectIds: dto.subjectIds?.length ? [...new Set(dto.subjectIds)] : undefined,
  includeUnapproved: dto.includeUnapproved ?? true,
});

const subjectsError = (error: UnknownSubjectsError) =>
  AppError.invalid(
    'subjectIds',
    `subjectIds names subjects that are not in this audit: ${error.subjectIds.join(', ')}`,
  );
