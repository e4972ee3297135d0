import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth, type AuthContext } from '../auth/auth-context';
import { AppError } from '../common/app-error';
import { UuidParam } from '../common/uuid-param';
import { VersionParam } from '../common/version-param';
import {
  CreateRedactionDto,
  PageImageQueryDto,
  PdfPagesDto,
  RedactionDto,
  RedactionListDto,
  UpdateRedactionDto,
} from './dto/redaction.dto';
import { RedactionsService } from './redactions.service';

const DEFAULT_IMAGE_WIDTH = 1000;

/** A page number in the path: a positive integer, or a 400 naming it. */
const PageParam = () =>
  Param(
    'page',
    new ParseIntPipe({ exceptionFactory: () => AppError.invalid('page', 'page must be a page number (1, 2, ...)') }),
    {
      transform: (value: number) => {
        if (value < 1 || value > 100_000) throw AppError.invalid('page', 'page must be a page number (1, 2, ...)');
        return value;
      },
    },
  );

@ApiTags('redactions')
@Controller('audits/:auditId/evidence/:evidenceId/versions/:number')
export class RedactionsController {
  constructor(private readonly redactions: RedactionsService) {}

  /** The pages of a PDF version and their sizes in points as displayed; 422 for any other file. */
  @Get('pages')
  pages(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('evidenceId') evidenceId: string,
    @VersionParam() number: number,
  ): Promise<PdfPagesDto> {
    return this.redactions.pages(auth, { auditId, evidenceId, number });
  }

  /** One page drawn as a PNG, `width` pixels wide (200-2000, 1000 when left out). */
  @Get('pages/:page/image')
  @ApiProduces('image/png')
  @ApiOkResponse({
    description: 'The page as a PNG',
    content: { 'image/png': { schema: { type: 'string', format: 'binary' } } },
  })
  async pageImage(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('evidenceId') evidenceId: string,
    @VersionParam() number: number,
    @PageParam() page: number,
    @Query() query: PageImageQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const png = await this.redactions.pageImage(
      auth,
      { auditId, evidenceId, number },
      page,
      query.width ?? DEFAULT_IMAGE_WIDTH,
    );
    // As for a download of the stored file itself: never cached beyond this browser, never a document.
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
    return new StreamableFile(png, { type: 'image/png', length: png.length });
  }

  /** The boxes drawn on the version, by page, then from the top, then from the left. */
  @Get('redactions')
  list(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('evidenceId') evidenceId: string,
    @VersionParam() number: number,
  ): Promise<RedactionListDto> {
    return this.redactions.list(auth, { auditId, evidenceId, number });
  }

  /** Draws a box (counsel); 409 while a volume with this version is being produced. */
  @Post('redactions')
  create(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('evidenceId') evidenceId: string,
    @VersionParam() number: number,
    @Body() dto: CreateRedactionDto,
  ): Promise<RedactionDto> {
    return this.redactions.create(auth, { auditId, evidenceId, number }, dto);
  }

  /** Moves or resizes a box, or changes its reason or note (counsel). */
  @Patch('redactions/:redactionId')
  update(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('evidenceId') evidenceId: string,
    @VersionParam() number: number,
    @UuidParam('redactionId') redactionId: string,
    @Body() dto: UpdateRedactionDto,
  ): Promise<RedactionDto> {
    return this.redactions.update(auth, { auditId, evidenceId, number }, redactionId, dto);
  }

  /** Removes a box (counsel). */
  @Delete('redactions/:redactionId')
  @HttpCode(204)
  remove(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('evidenceId') evidenceId: string,
    @VersionParam() number: number,
    @UuidParam('redactionId') redactionId: string,
  ): Promise<void> {
    return this.redactions.remove(auth, { auditId, evidenceId, number }, redactionId);
  }
}
