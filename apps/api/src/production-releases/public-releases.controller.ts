import { Body, Controller, Get, HttpCode, Ip, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig } from '@app/config';
import { Public } from '../auth/auth-context';
import { PublicReleaseDto, ReleaseCodeDto, ReleaseGrantDto } from './dto/production-release.dto';
import { ProductionReleasesService } from './production-releases.service';
import { RELEASE_GRANT_COOKIE, releaseGrantCookiePath, sendReleaseVolume } from './send-release-volume';

/**
 * The other side's counsel, with no account: the page of a release link, the code, the ZIP.
 * Unknown link 404; expired or revoked 410; locked after wrong codes 403.
 */
@ApiTags('releases')
@Controller('releases/:token')
export class PublicReleasesController {
  constructor(
    private readonly releases: ProductionReleasesService,
    private readonly config: AppConfig,
  ) {}

  /** Public: the volume's name, who produced it and until when the link works; nothing else. */
  @Public()
  @Get()
  show(@Param('token') token: string): Promise<PublicReleaseDto> {
    return this.releases.show(token);
  }

  /**
   * Public: the one-time code from the second email. A right one opens the download for 30
   * minutes (a cookie scoped to this link); a wrong one counts, and the fifth locks the link.
   * Attempts are throttled like logins: 429 with Retry-After.
   */
  @Public()
  @Post('code')
  @HttpCode(200)
  async enterCode(
    @Param('token') token: string,
    @Body() dto: ReleaseCodeDto,
    @Ip() address: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReleaseGrantDto> {
    const { grant, grantedUntil } = await this.releases.enterCode(token, dto.code, address);
    const path = releaseGrantCookiePath(token);
    res.cookie(RELEASE_GRANT_COOKIE, grant, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.COOKIE_SECURE ?? this.config.NODE_ENV === 'production',
      path,
      expires: grantedUntil,
    });
    return { grantedUntil, downloadUrl: `${path}/volume` };
  }

  /** Public: the volume's ZIP, after a right code; each download is recorded (bytes, complete or not). */
  @Public()
  @Get('volume')
  @ApiOkResponse({
    description: 'The volume.',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
  })
  async volume(
    @Param('token') token: string,
    @Req() req: Request,
    @Ip() address: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const grant = (req.cookies as Record<string, string> | undefined)?.[RELEASE_GRANT_COOKIE];
    sendReleaseVolume(res, await this.releases.openVolume(token, grant, address));
  }
}
