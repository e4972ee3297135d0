import { Logger } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { LoggedWorkerHost } from '../common/logged-worker-host';
import { PrismaService } from '@app/db';
import { Clock } from '@app/domain';
import { recordActivity } from '@app/activity';
import { QueueName, type ReportJob } from '@app/queue';
import { loadReportData, type ReportOptions, renderReport } from '@app/report';

export type ReportJobOutcome = 'done' | 'failed' | 'skipped';

/**
 * Renders queued reports. The job names a Report row; the row is claimed first (so a
 * duplicate job does nothing), progress is written between stages, and the PDF, its SHA-256
 * and the activity event are written in one transaction.
 */
@Processor(QueueName.Reports)
export class ReportProcessor extends LoggedWorkerHost {
  private readonly logger = new Logger(ReportProcessor.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
  ) {
    super();
  }

  async process(job: Job<ReportJob>): Promise<ReportJobOutcome> {
    const { reportId } = job.data;
    // RENDERING too: a worker that died mid-render leaves the row there, and the retry resumes it.
    const claimed = await this.prisma.report.updateMany({
      where: { id: reportId, status: { in: ['QUEUED', 'RENDERING'] } },
      data: { status: 'RENDERING', progress: 5 },
    });
    if (claimed.count === 0) return 'skipped';
    const report = await this.prisma.report.findUniqueOrThrow({
      where: { id: reportId },
      select: { auditId: true, options: true, requestedById: true, requestedBy: { select: { name: true } } },
    });
    try {
      const options = report.options as unknown as ReportOptions;
      const data = await loadReportData(this.prisma, report.auditId, options, {
        now: this.clock.now(),
        generatedBy: report.requestedBy?.name ?? 'a former user',
      });
      if (!data) return 'skipped';
      await this.setProgress(reportId, 25);
      // In this process's thread: the worker serves no requests, so nothing waits on its loop.
      const pdf = await renderReport(data);
      await this.setProgress(reportId, 90);
      await this.prisma.$transaction(async (tx) => {
        await tx.reportFile.create({ data: { reportId, content: new Uint8Array(pdf.bytes) } });
        await tx.report.update({
          where: { id: reportId },
          data: {
            status: 'DONE',
            progress: 100,
            finishedAt: this.clock.now(),
            sha256: pdf.sha256,
            sizeBytes: pdf.bytes.length,
            pageCount: pdf.pageCount,
            draft: pdf.draft,
          },
        });
        await recordActivity(tx, {
          actorId: report.requestedById,
          auditId: report.auditId,
          entityType: 'report',
          entityId: reportId,
          action: 'generated',
          changes: {
            status: { before: 'QUEUED', after: 'DONE' },
            sha256: { before: null, after: pdf.sha256 },
            pageCount: { before: null, after: pdf.pageCount },
            draft: { before: null, after: data.draft },
          },
        });
      });
      return 'done';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`report ${reportId} failed: ${message}`);
      await this.prisma.$transaction(async (tx) => {
        await tx.report.update({
          where: { id: reportId },
          data: { status: 'FAILED', finishedAt: this.clock.now(), error: message.slice(0, 2000) },
        });
        await recordActivity(tx, {
          actorId: report.requestedById,
          auditId: report.auditId,
          entityType: 'report',
          entityId: reportId,
          action: 'failed',
          changes: { status: { before: 'RENDERING', after: 'FAILED' } },
        });
      });
      return 'failed';
    }
  }

  private async setProgress(reportId: string, progress: number): Promise<void> {
    await this.prisma.report.update({ where: { id: reportId }, data: { progress } });
  }
}
