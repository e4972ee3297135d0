import { Body, Controller, Get, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth, type AuthContext } from '../auth/auth-context';
import { attachmentFile } from '../common/file-download';
import { UuidParam } from '../common/uuid-param';
import {
  ResponseSubmissionDto,
  ResponseSubmissionListDto,
  SubmissionChecklistDto,
  SubmissionVerificationDto,
  SubmitResponseDto,
} from './dto/response-submission.dto';
import { ResponseSubmissionsService } from './response-submissions.service';
import { VersionParam } from '../common/version-param';

@ApiTags('response-submissions')
@Controller('audits/:auditId/response-submissions')
export class ResponseSubmissionsController {
  constructor(private readonly submissions: ResponseSubmissionsService) {}

  /** The submitted versions, newest first, each with what changed per request since the one before. */
  @Get()
  list(@Auth() auth: AuthContext, @UuidParam('auditId') auditId: string): Promise<ResponseSubmissionListDto> {
    return this.submissions.list(auth, auditId);
  }

  /** What is missing before the response can be submitted. */
  @Get('checklist')
  checklist(@Auth() auth: AuthContext, @UuidParam('auditId') auditId: string): Promise<SubmissionChecklistDto> {
    return this.submissions.checklist(auth, auditId);
  }

  /**
   * Submits the response as the next version (lead counsel): the package is frozen and cannot be
   * changed, and the audit moves to SUBMITTED. Refused while a request has no disposition.
   */
  @Post()
  submit(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: SubmitResponseDto,
  ): Promise<ResponseSubmissionDto> {
    return this.submissions.submit(auth, auditId, dto);
  }

  /** The submitted package (ZIP); `Repr-Digest` carries its SHA-256 as recorded at submission. */
  @Get(':version/package.zip')
  @ApiOkResponse({
    description: 'The package.',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
  })
  async download(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @VersionParam('version') version: number,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.submissions.download(auth, auditId, version);
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
    return attachmentFile(file);
  }

  /** Re-hashes the stored package and every file in it, and names any that differs from what was submitted. */
  @Get(':version/verification')
  verify(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @VersionParam('version') version: number,
  ): Promise<SubmissionVerificationDto> {
    return this.submissions.verify(auth, auditId, version);
  }
}
