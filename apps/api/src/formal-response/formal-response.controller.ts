import { Body, Controller, Get, Put, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { attachmentFile } from '../common/file-download';
import { UuidParam } from '../common/uuid-param';
import {
  RequestDispositionDto,
  ResponseDraftDto,
  UpdateDispositionDto,
  UpdateResponseLetterDto,
  UpdateSubjectDispositionDto,
} from './dto/formal-response.dto';
import { FormalResponseService } from './formal-response.service';

@ApiTags('formal-response')
@Controller('audits/:auditId')
export class FormalResponseController {
  constructor(private readonly formal: FormalResponseService) {}

  /** The formal response being drafted: the letter's fields, and per request its disposition, objections and outward text. */
  @Get('response-draft')
  draft(@Auth() auth: AuthContext, @UuidParam('auditId') auditId: string): Promise<ResponseDraftDto> {
    return this.formal.draft(auth, auditId);
  }

  /** Saves one request's disposition, outward text and objections (counsel); a stale version is a 409. */
  @Put('response-draft/requests/:requestId')
  updateDisposition(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('requestId') requestId: string,
    @Body() dto: UpdateDispositionDto,
  ): Promise<RequestDispositionDto> {
    return this.formal.updateDisposition(auth, auditId, requestId, dto);
  }

  /**
   * Gives one subject its own disposition and text of the request, or clears it (disposition
   * null) so the request's applies again (counsel); returns the request's disposition; a stale version is a 409.
   */
  @Put('response-draft/requests/:requestId/subjects/:subjectId')
  updateSubjectDisposition(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('requestId') requestId: string,
    @UuidParam('subjectId') subjectId: string,
    @Body() dto: UpdateSubjectDispositionDto,
  ): Promise<RequestDispositionDto> {
    return this.formal.updateSubjectDisposition(auth, auditId, requestId, subjectId, dto);
  }

  /** Saves the letter's letterhead, addressee address, preliminary statement and signer (counsel). */
  @Put('response-draft/letter')
  updateLetter(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: UpdateResponseLetterDto,
  ): Promise<ResponseDraftDto> {
    return this.formal.updateLetter(auth, auditId, dto);
  }

  /** The response letter as PDF; DRAFT on every page while a request has no disposition. */
  @Get('response-letter.pdf')
  @ApiOkResponse({
    description: 'The PDF.',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  pdf(@Auth() auth: AuthContext, @UuidParam('auditId') auditId: string): Promise<StreamableFile> {
    return this.formal.letter(auth, auditId, 'pdf').then(attachmentFile);
  }

  /** The same letter as a Word document, for counsel to edit. */
  @Get('response-letter.docx')
  @ApiOkResponse({
    description: 'The Word document.',
    content: {
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
        schema: { type: 'string', format: 'binary' },
      },
    },
  })
  docx(@Auth() auth: AuthContext, @UuidParam('auditId') auditId: string): Promise<StreamableFile> {
    return this.formal.letter(auth, auditId, 'docx').then(attachmentFile);
  }
}
