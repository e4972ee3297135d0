import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Post,
  Put,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Auth, type AuthContext } from '../auth/auth-context';
import { ExportFormatParam } from '../common/export-format';
import { attachmentFile } from '../common/file-download';
import { UuidParam } from '../common/uuid-param';
import { multipartBody } from '../evidence/multipart-upload';
import { ApiStoredFileResponses, sendVersionContent } from '../evidence/send-version-content';
import {
  CorrespondenceDto,
  CorrespondenceFilterDto,
  CorrespondenceInputDto,
  CorrespondencePageDto,
  CorrespondenceQueryDto,
  RemoveCorrespondenceAttachmentQueryDto,
  UpdateCorrespondenceDto,
  UploadCorrespondenceAttachmentDto,
} from './dto/correspondence.dto';
import { type CorrespondenceFormat, CorrespondenceService } from './correspondence.service';

@ApiTags('correspondence')
@Controller('audits/:auditId/correspondence')
export class CorrespondenceController {
  constructor(private readonly correspondence: CorrespondenceService) {}

  /** The correspondence log, newest first: `q` searches subject, summary, from and to. */
  @Get()
  list(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Query() query: CorrespondenceQueryDto,
  ): Promise<CorrespondencePageDto> {
    return this.correspondence.list(auth, auditId, query);
  }

  /** Logs a letter, email, call or meeting (counsel and lead counsel). */
  @Post()
  create(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: CorrespondenceInputDto,
  ): Promise<CorrespondenceDto> {
    return this.correspondence.create(auth, auditId, dto);
  }

  /** The log (with the list's search and filters), oldest first, as CSV or XLSX. */
  @Get('export.:format')
  export(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @ExportFormatParam('The exported log.', 'csv', 'xlsx', 'pdf')
    format: CorrespondenceFormat,
    @Query() filter: CorrespondenceFilterDto,
  ): Promise<StreamableFile> {
    return this.correspondence.export(auth, auditId, format, filter).then(attachmentFile);
  }

  /** One entry of the log, with its files. */
  @Get(':correspondenceId')
  get(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('correspondenceId') entryId: string,
  ): Promise<CorrespondenceDto> {
    return this.correspondence.get(auth, auditId, entryId);
  }

  /** Replaces the entry (counsel); `version` is the one the change is based on: 409 when stale. */
  @Put(':correspondenceId')
  update(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('correspondenceId') entryId: string,
    @Body() dto: UpdateCorrespondenceDto,
  ): Promise<CorrespondenceDto> {
    return this.correspondence.update(auth, auditId, entryId, dto);
  }

  /** Deletes the entry and its files (counsel); 409 while the audit is under legal hold. */
  @Delete(':correspondenceId')
  @HttpCode(204)
  remove(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('correspondenceId') entryId: string,
  ): Promise<void> {
    return this.correspondence.remove(auth, auditId, entryId);
  }

  /**
   * Attaches one file to the entry (counsel): multipart/form-data with an optional `title`,
   * then the `file` part; send one request per file. Stored like a source document: SHA-256
   * and size taken while streaming, type sniffed from the content; over EVIDENCE_MAX_BYTES: 413.
   */
  @Post(':correspondenceId/attachments')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadCorrespondenceAttachmentDto })
  attach(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('correspondenceId') entryId: string,
    @Req() req: Request,
  ): Promise<CorrespondenceDto> {
    return this.correspondence.attach(auth, auditId, entryId, multipartBody(req));
  }

  /**
   * Removes one attachment (counsel); `version` is the entry's version the removal is based on
   * (409 when stale). 409 while the audit is under legal hold. Answers the entry as it is now.
   */
  @Delete(':correspondenceId/attachments/:attachmentId')
  removeAttachment(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('correspondenceId') entryId: string,
    @UuidParam('attachmentId') attachmentId: string,
    @Query() query: RemoveCorrespondenceAttachmentQueryDto,
  ): Promise<CorrespondenceDto> {
    return this.correspondence.removeAttachment(auth, auditId, entryId, attachmentId, query.version);
  }

  /** An attachment's bytes, as an attachment (Range requests: 206, or 416 past the end). */
  @Get(':correspondenceId/attachments/:attachmentId/content')
  @ApiStoredFileResponses()
  async download(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('correspondenceId') entryId: string,
    @UuidParam('attachmentId') attachmentId: string,
    @Headers('range') rangeHeader: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const withBody = req.method !== 'HEAD';
    const content = await this.correspondence.download(auth, auditId, entryId, attachmentId, {
      rangeHeader,
      withBody,
    });
    return sendVersionContent(res, content, rangeHeader);
  }
}
