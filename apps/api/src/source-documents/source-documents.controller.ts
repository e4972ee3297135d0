import { Controller, Delete, Get, Headers, HttpCode, Post, Query, Req, Res, type StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Auth, type AuthContext } from '../auth/auth-context';
import { UuidParam } from '../common/uuid-param';
import { multipartBody } from '../evidence/multipart-upload';
import { ApiStoredFileResponses, sendVersionContent } from '../evidence/send-version-content';
import { SourceDocumentDto, SourceDocumentKindQueryDto, UploadSourceDocumentDto } from './dto/source-document.dto';
import { SourceDocumentsService } from './source-documents.service';

@ApiTags('source documents')
@Controller('audits/:auditId/documents')
export class SourceDocumentsController {
  constructor(private readonly documents: SourceDocumentsService) {}

  /** The audit's own documents (demand letter, agreement, other correspondence), oldest first. */
  @Get()
  list(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Query() query: SourceDocumentKindQueryDto,
  ): Promise<SourceDocumentDto[]> {
    return this.documents.list(auth, auditId, query);
  }

  /**
   * Attaches a document (counsel): multipart/form-data with `kind`, `title`, optional
   * `description` and `documentDate` first, then one `file` part. Stored like an evidence file:
   * SHA-256 and size taken while streaming, type sniffed from the content; over
   * EVIDENCE_MAX_BYTES: 413.
   */
  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadSourceDocumentDto })
  upload(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Req() req: Request,
  ): Promise<SourceDocumentDto> {
    return this.documents.upload(auth, auditId, multipartBody(req));
  }

  /** One source document with its versions. */
  @Get(':documentId')
  get(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('documentId') documentId: string,
  ): Promise<SourceDocumentDto> {
    return this.documents.get(auth, auditId, documentId);
  }

  /** The bytes, as an attachment (Range requests: 206, or 416 past the end). */
  @Get(':documentId/content')
  @ApiStoredFileResponses()
  async download(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('documentId') documentId: string,
    @Headers('range') rangeHeader: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    // Express answers HEAD with this route: same headers, no body (and nothing downloaded).
    const withBody = req.method !== 'HEAD';
    const content = await this.documents.download(auth, auditId, documentId, { rangeHeader, withBody });
    return sendVersionContent(res, content, rangeHeader);
  }

  /** Removes the document from the audit (counsel); 409 while the audit is under legal hold. */
  @Delete(':documentId')
  @HttpCode(204)
  remove(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('documentId') documentId: string,
  ): Promise<void> {
    return this.documents.remove(auth, auditId, documentId);
  }
}
