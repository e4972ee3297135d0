import { Body, Controller, Delete, Get, HttpCode, Post, Put, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { attachmentFile } from '../common/file-download';
import { UuidParam } from '../common/uuid-param';
import { ExportFormatParam } from '../common/export-format';
import { PrivilegeLogDto, PrivilegeLogEntryDto, PrivilegeLogEntryInputDto } from './dto/privilege-log.dto';
import { type PrivilegeLogFormat, PrivilegeLogService } from './privilege-log.service';

@ApiTags('privilege-log')
@Controller('audits/:auditId')
export class PrivilegeLogController {
  constructor(private readonly log: PrivilegeLogService) {}

  /** The privilege log, in entry order. */
  @Get('privilege-log')
  list(@Auth() auth: AuthContext, @UuidParam('auditId') auditId: string): Promise<PrivilegeLogDto> {
    return this.log.list(auth, auditId);
  }

  /** Logs a withheld or redacted document, or a categorical entry (counsel and above). */
  @Post('privilege-log')
  create(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: PrivilegeLogEntryInputDto,
  ): Promise<PrivilegeLogEntryDto> {
    return this.log.create(auth, auditId, dto);
  }

  /** The log as CSV, XLSX or PDF (landscape, with the legend and page numbers). */
  @Get('privilege-log/export.:format')
  export(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @ExportFormatParam('The exported log.', 'csv', 'xlsx', 'pdf')
    format: PrivilegeLogFormat,
  ): Promise<StreamableFile> {
    return this.log.export(auth, auditId, format).then(attachmentFile);
  }

  /** Replaces an entry (counsel and above). */
  @Put('privilege-log/:entryId')
  replace(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('entryId') entryId: string,
    @Body() dto: PrivilegeLogEntryInputDto,
  ): Promise<PrivilegeLogEntryDto> {
    return this.log.replace(auth, auditId, entryId, dto);
  }

  /** Deletes a privilege log entry. */
  @Delete('privilege-log/:entryId')
  @HttpCode(204)
  remove(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('entryId') entryId: string,
  ): Promise<void> {
    return this.log.remove(auth, auditId, entryId);
  }
}
