import { Body, Controller, Get, HttpCode, Post, Query, Req, type StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Auth, type AuthContext } from '../auth/auth-context';
import { ApiJsonOrMultipart } from '../common/api-body-forms';
import { attachmentFile } from '../common/file-download';
import { UuidParam } from '../common/uuid-param';
import {
  ImportFileFormDto,
  ImportLetterDto,
  ImportQueryDto,
  RequestImportResultDto,
  SubjectImportResultDto,
  TemplateQueryDto,
} from './dto/import.dto';
import { importBody } from './import-files';
import { ImportsService } from './imports.service';

const TEMPLATE = {
  description: 'The empty template: CSV (UTF-8 with BOM) or XLSX',
  content: {
    'text/csv': { schema: { type: 'string', format: 'binary' } },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: { type: 'string', format: 'binary' },
    },
  },
} as const;

@ApiTags('imports')
@Controller('audits/:auditId')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /**
   * Imports a request list (counsel): JSON `{ "text": "..." }` with the letter pasted, or
   * multipart/form-data with one `file` part (CSV or XLSX, at most 2 MB and 1,000 rows; the
   * template's columns). Rows are keyed by ordinal: new ones are created with their grid
   * cells, changed ones updated unless their responses hold work, others refused with a
   * reason. `dryRun=true` answers the same without writing.
   */
  @Post('requests/import')
  @HttpCode(200)
  @ApiJsonOrMultipart(ImportLetterDto, ImportFileFormDto)
  importRequests(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Query() query: ImportQueryDto,
    @Body() letter: ImportLetterDto,
    @Req() req: Request,
  ): Promise<RequestImportResultDto> {
    return this.imports.importRequests(auth, auditId, importBody(req, letter.text), query.dryRun ?? false);
  }

  /** The request list template (any member). */
  @Get('requests/import-template')
  @ApiOkResponse(TEMPLATE)
  requestTemplate(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Query() query: TemplateQueryDto,
  ): Promise<StreamableFile> {
    return this.imports.template(auth, auditId, 'requests', query.format ?? 'csv').then(attachmentFile);
  }

  /**
   * Imports a subject list (counsel): multipart/form-data with one `file` part (CSV or XLSX:
   * name, product, owner email; the owner must be a member who can write). Keyed by name.
   * `dryRun=true` answers the same without writing.
   */
  @Post('subjects/import')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportFileFormDto })
  importSubjects(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Query() query: ImportQueryDto,
    @Req() req: Request,
  ): Promise<SubjectImportResultDto> {
    return this.imports.importSubjects(auth, auditId, importBody(req, undefined), query.dryRun ?? false);
  }

  /** The subject list template (any member). */
  @Get('subjects/import-template')
  @ApiOkResponse(TEMPLATE)
  subjectTemplate(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Query() query: TemplateQueryDto,
  ): Promise<StreamableFile> {
    return this.imports.template(auth, auditId, 'subjects', query.format ?? 'csv').then(attachmentFile);
  }
}
