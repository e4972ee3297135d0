import { Body, Controller, Get, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { PageQueryDto } from '../common/pagination.dto';
import { ProblemDetailsDto } from '../common/problem-details.dto';
import { attachmentFile } from '../common/file-download';
import { UuidParam } from '../common/uuid-param';
import { ReportDto, ReportOptionsDto, ReportPageDto } from './dto/report.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@Controller('audits/:auditId')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /**
   * The PDF report, rendered while you wait, for audits up to REPORT_STREAM_MAX_RESPONSES
   * responses (larger: 422, queue one with POST .../reports). Counsel and above. While the
   * API's renderer has a full queue it answers 503 (BUSY) at once rather than wait.
   */
  @Get('report.pdf')
  @ApiOkResponse({
    description: 'The PDF.',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse({
    status: 503,
    description: 'The report renderer is busy (code BUSY): try again shortly, or queue the report (queueUrl)',
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
  })
  stream(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Query() query: ReportOptionsDto,
  ): Promise<StreamableFile> {
    return this.reports.stream(auth, auditId, query).then(attachmentFile);
  }

  /** Queues a PDF report of any size; poll it with GET .../reports/:reportId. Counsel and above. */
  @Post('reports')
  queue(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: ReportOptionsDto,
  ): Promise<ReportDto> {
    return this.reports.queueReport(auth, auditId, dto);
  }

  /** The audit's reports, newest first, with download links once done. */
  @Get('reports')
  list(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Query() query: PageQueryDto,
  ): Promise<ReportPageDto> {
    return this.reports.list(auth, auditId, query);
  }

  /** One report's status and progress. */
  @Get('reports/:reportId')
  get(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('reportId') reportId: string,
  ): Promise<ReportDto> {
    return this.reports.get(auth, auditId, reportId);
  }

  /** The finished PDF (409 until the report is done). */
  @Get('reports/:reportId/file')
  @ApiOkResponse({
    description: 'The PDF.',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  download(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('reportId') reportId: string,
  ): Promise<StreamableFile> {
    return this.reports.download(auth, auditId, reportId).then(attachmentFile);
  }
}
