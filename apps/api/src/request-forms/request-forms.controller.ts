import { Body, Controller, Delete, Get, HttpCode, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { EXPORT_MEDIA_TYPE } from '../common/export-format';
import { attachmentFile } from '../common/file-download';
import { UuidParam } from '../common/uuid-param';
import {
  FormComparisonDto,
  RemoveRequestFormQueryDto,
  RequestFormDto,
  SaveRequestFormDto,
} from './dto/request-form.dto';
import { RequestFormsService } from './request-forms.service';

@ApiTags('requests')
@Controller('audits/:auditId/requests/:requestId/form')
export class RequestFormsController {
  constructor(private readonly forms: RequestFormsService) {}

  /** The request's form (404 when it has none). */
  @Get()
  get(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('requestId') requestId: string,
  ): Promise<RequestFormDto> {
    return this.forms.get(auth, auditId, requestId);
  }

  /**
   * Gives the request a form (a copy of `templateId`, or `fields`) or revises it: send the
   * `version` you read once it has one (409 when stale). Fields left out retire; their answers stay.
   */
  @Put()
  save(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('requestId') requestId: string,
    @Body() dto: SaveRequestFormDto,
  ): Promise<RequestFormDto> {
    return this.forms.save(auth, auditId, requestId, dto);
  }

  /** Removes the form, refused (422) while any response holds answers to it. */
  @Delete()
  @HttpCode(204)
  remove(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('requestId') requestId: string,
    @Query() query: RemoveRequestFormQueryDto,
  ): Promise<void> {
    return this.forms.remove(auth, auditId, requestId, query.version);
  }

  /** Every subject's answers side by side: differing fields and empty required ones flagged. */
  @Get('comparison')
  comparison(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('requestId') requestId: string,
  ): Promise<FormComparisonDto> {
    return this.forms.comparison(auth, auditId, requestId);
  }

  /** The comparison as a spreadsheet: a row per subject, a column per field. */
  @Get('comparison.xlsx')
  @ApiOkResponse({
    description: 'The comparison as an XLSX workbook.',
    content: { [EXPORT_MEDIA_TYPE.xlsx]: { schema: { type: 'string', format: 'binary' } } },
  })
  comparisonFile(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('requestId') requestId: string,
  ): Promise<StreamableFile> {
    return this.forms.comparisonXlsx(auth, auditId, requestId).then(attachmentFile);
  }
}
