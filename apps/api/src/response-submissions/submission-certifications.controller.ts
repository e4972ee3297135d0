import { Body, Controller, Get, Headers, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Auth, type AuthContext } from '../auth/auth-context';
import { attachmentFile } from '../common/file-download';
import { UuidParam } from '../common/uuid-param';
import { VersionParam } from '../common/version-param';
import { multipartBody } from '../evidence/multipart-upload';
import { ApiStoredFileResponses, sendVersionContent } from '../evidence/send-version-content';
import {
  CertifySubmissionDto,
  SubmissionCertificationDto,
  UploadCertificationScanDto,
} from './dto/response-submission.dto';
import { SubmissionCertificationsService } from './submission-certifications.service';

@ApiTags('response-submissions')
@Controller('audits/:auditId/response-submissions/:version')
export class SubmissionCertificationsController {
  constructor(private readonly certifications: SubmissionCertificationsService) {}

  /**
   * Certifies the version electronically (the member with the signer role): their password is
   * checked again (wrong: 403; repeated attempts: 429), then the certificate is made and the
   * signer's account, time, client address and the package's SHA-256 recorded. A version is
   * certified once: 409 after that.
   */
  @Post('certification')
  certify(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @VersionParam('version') version: number,
    @Body() dto: CertifySubmissionDto,
    @Req() req: Request,
  ): Promise<SubmissionCertificationDto> {
    return this.certifications.certify(auth, auditId, version, dto, req.ip ?? null);
  }

  /**
   * Certifies the version with a scan of the certificate signed by hand (the member with the
   * signer role): multipart/form-data with `signerName`, `signerTitle`, `signerEntity`, then one
   * `file` part (PDF, PNG, JPEG or TIFF), stored with its SHA-256 like evidence.
   */
  @Post('certification/scan')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadCertificationScanDto })
  uploadScan(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @VersionParam('version') version: number,
    @Req() req: Request,
  ): Promise<SubmissionCertificationDto> {
    return this.certifications.uploadScan(auth, auditId, version, multipartBody(req));
  }

  /**
   * The signed scan of a certificate signed by hand, as uploaded (Range requests: 206, or 416
   * past the end); 404 for a version certified electronically or not certified.
   */
  @Get('certification/scan')
  @ApiStoredFileResponses()
  async scan(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @VersionParam('version') version: number,
    @Headers('range') rangeHeader: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const withBody = req.method !== 'HEAD';
    const content = await this.certifications.scan(auth, auditId, version, { rangeHeader, withBody });
    return sendVersionContent(res, content, rangeHeader);
  }

  /** The certificate (PDF/A); `Repr-Digest` carries its SHA-256 as recorded when it was made. */
  @Get('certificate.pdf')
  @ApiOkResponse({
    description: 'The certificate.',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  async certificate(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @VersionParam('version') version: number,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.certifications.certificate(auth, auditId, version);
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
    return attachmentFile(file);
  }
}
