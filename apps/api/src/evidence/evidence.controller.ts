import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Patch,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Auth, type AuthContext } from '../auth/auth-context';
import { UuidParam } from '../common/uuid-param';
import {
  CreateEvidenceDto,
  EvidenceDto,
  EvidencePageDto,
  EvidenceQueryDto,
  EvidenceVersionDto,
  IntegrityCheckQueuedDto,
  LinkResponseDto,
  UpdateEvidenceDto,
  UploadEvidenceFileDto,
  UploadEvidenceVersionDto,
  VerificationDto,
} from './dto/evidence.dto';
import { EvidenceFilesService } from './evidence-files.service';
import { EvidenceService } from './evidence.service';
import { multipartBody } from './multipart-upload';
import { ApiStoredFileResponses, sendVersionContent } from './send-version-content';
import { VersionParam } from '../common/version-param';

@ApiTags('evidence')
@Controller('audits/:auditId/evidence')
export class EvidenceController {
  constructor(
    private readonly evidence: EvidenceService,
    private readonly files: EvidenceFilesService,
  ) {}

  /** The audit's evidence (deleted records left out), newest first, filterable by kind, response, tag and words. */
  @Get()
  list(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Query() query: EvidenceQueryDto,
  ): Promise<EvidencePageDto> {
    return this.evidence.list(auth, auditId, query);
  }

  /** Records a LINK or a NOTE. Files go to POST /evidence/files. */
  @Post()
  create(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: CreateEvidenceDto,
  ): Promise<EvidenceDto> {
    return this.evidence.create(auth, auditId, dto);
  }

  /**
   * Uploads a FILE record (multipart/form-data: metadata fields first, then the `file` part).
   * The file is streamed to storage while its SHA-256 and size are computed; its type is
   * sniffed from the content. Over EVIDENCE_MAX_BYTES: 413.
   */
  @Post('files')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadEvidenceFileDto })
  createFile(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Req() req: Request,
  ): Promise<EvidenceDto> {
    return this.files.createFile(auth, auditId, multipartBody(req));
  }

  /** Queues a re-hash of every stored file of the audit (counsel); results land on each version. */
  @Post('integrity-checks')
  @HttpCode(202)
  queueIntegrityCheck(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
  ): Promise<IntegrityCheckQueuedDto> {
    return this.files.queueIntegrityCheck(auth, auditId);
  }

  /** One evidence record with its versions and the responses it supports. */
  @Get(':evidenceId')
  get(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('evidenceId') evidenceId: string,
  ): Promise<EvidenceDto> {
    return this.evidence.get(auth, auditId, evidenceId);
  }

  /** Edits the metadata (url for a LINK, body for a NOTE). */
  @Patch(':evidenceId')
  update(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('evidenceId') evidenceId: string,
    @Body() dto: UpdateEvidenceDto,
  ): Promise<EvidenceDto> {
    return this.evidence.update(auth, auditId, evidenceId, dto);
  }

  /** Soft-deletes the record (counsel); 409 while the audit is under legal hold. */
  @Delete(':evidenceId')
  @HttpCode(204)
  remove(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('evidenceId') evidenceId: string,
  ): Promise<void> {
    return this.evidence.remove(auth, auditId, evidenceId);
  }

  /** Links the evidence to a response it supports. */
  @Post(':evidenceId/responses')
  linkResponse(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('evidenceId') evidenceId: string,
    @Body() dto: LinkResponseDto,
  ): Promise<EvidenceDto> {
    return this.evidence.linkResponse(auth, auditId, evidenceId, dto.responseId);
  }

  /** Removes a link; 409 while the audit is under legal hold. */
  @Delete(':evidenceId/responses/:responseId')
  @HttpCode(204)
  unlinkResponse(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('evidenceId') evidenceId: string,
    @UuidParam('responseId') responseId: string,
  ): Promise<void> {
    return this.evidence.unlinkResponse(auth, auditId, evidenceId, responseId);
  }

  /** Every version, newest first. */
  @Get(':evidenceId/versions')
  listVersions(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('evidenceId') evidenceId: string,
  ): Promise<EvidenceVersionDto[]> {
    return this.files.listVersions(auth, auditId, evidenceId);
  }

  /** Uploads a new version of a FILE record (multipart/form-data, one `file` part). */
  @Post(':evidenceId/versions')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadEvidenceVersionDto })
  addVersion(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('evidenceId') evidenceId: string,
    @Req() req: Request,
  ): Promise<EvidenceVersionDto> {
    return this.files.addVersion(auth, auditId, evidenceId, multipartBody(req));
  }

  /** The bytes of a version (Range requests: 206, or 416 past the end). */
  @Get(':evidenceId/versions/:number/content')
  @ApiStoredFileResponses()
  async download(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('evidenceId') evidenceId: string,
    @VersionParam() number: number,
    @Headers('range') rangeHeader: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    // Express answers HEAD with this route: same headers, no body (and nothing downloaded).
    const withBody = req.method !== 'HEAD';
    const content = await this.files.download(auth, auditId, evidenceId, number, { rangeHeader, withBody });
    return sendVersionContent(res, content, rangeHeader);
  }

  /** Re-hashes the stored bytes of a version and records MATCH, MISMATCH or MISSING. */
  @Post(':evidenceId/versions/:number/verify')
  @HttpCode(200)
  verify(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('evidenceId') evidenceId: string,
    @VersionParam() number: number,
  ): Promise<VerificationDto> {
    return this.files.verify(auth, auditId, evidenceId, number);
  }
}

@ApiTags('evidence')
@Controller('audits/:auditId/responses/:responseId/evidence')
export class ResponseEvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  /** The evidence supporting one response. */
  @Get()
  list(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('responseId') responseId: string,
    @Query() query: EvidenceQueryDto,
  ): Promise<EvidencePageDto> {
    return this.evidence.listForResponse(auth, auditId, responseId, query);
  }
}
