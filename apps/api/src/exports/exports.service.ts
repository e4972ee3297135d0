import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import { Clock, todayIn } from '@app/domain';
import {
  evidenceTable,
  type ExportKind,
  loadReportData,
  responsesTable,
  type SheetTable,
  toCsv,
  toXlsx,
} from '@app/report';
import { AppError } from '../common/app-error';
import type { FileDownload } from '../common/file-download';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import { EXPORT_FORMATS, type ExportFormat } from './dto/export.dto';

const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Spreadsheet exports of the grid and the evidence index, read with the report's loader so
 * the report and the exports always agree. Any member may export: it is the data they see.
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AuditAccessService,
    private readonly clock: Clock,
  ) {}

  async export(auth: AuthContext, auditId: string, kind: ExportKind, format: string): Promise<FileDownload> {
    if (!(EXPORT_FORMATS as readonly string[]).includes(format))
      throw AppError.invalid('format', `format must be one of: ${EXPORT_FORMATS.join(', ')}`);
    const access = await this.access.require(auth, auditId);
    const now = this.clock.now();
    const data = await loadReportData(
      this.prisma,
      auditId,
      { includeUnapproved: true },
      { now, generatedBy: auth.user.name },
    );
    if (!data) throw AppError.notFound('Audit');
    const write = <T>(table: SheetTable<T>) => (format === 'csv' ? toCsv(table) : toXlsx(table));
    const bytes = kind === 'responses' ? await write(responsesTable(data)) : await write(evidenceTable(data));
    const fileName = `${data.audit.referenceCode.replace(/[^A-Za-z0-9._-]+/g, '_')}-${kind}-${todayIn(access.deadlineTimeZone, now)}.${format}`;
    return { content: bytes, fileName, mediaType: CONTENT_TYPE[format as ExportFormat] };
  }
}
