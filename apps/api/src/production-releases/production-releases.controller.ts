import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { UuidParam } from '../common/uuid-param';
import { CreateReleaseDto, ProductionReleaseDto, ProductionReleaseListDto } from './dto/production-release.dto';
import { ProductionReleasesService } from './production-releases.service';

@ApiTags('productions')
@Controller('audits/:auditId/productions/:productionId/releases')
export class ProductionReleasesController {
  constructor(private readonly releases: ProductionReleasesService) {}

  /**
   * Lead counsel: releases a produced volume to the other side's counsel. One email carries the
   * link, a second the one-time code (`mailSent` says whether both went out). 409 until produced.
   */
  @Post()
  create(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('productionId') productionId: string,
    @Body() dto: CreateReleaseDto,
  ): Promise<ProductionReleaseDto> {
    return this.releases.create(auth, auditId, productionId, dto);
  }

  /** The volume's releases, newest first, each with its state and every download. */
  @Get()
  list(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('productionId') productionId: string,
  ): Promise<ProductionReleaseListDto> {
    return this.releases.list(auth, auditId, productionId);
  }

  /**
   * Lead counsel: a release whose emails did not both go out (state NOT_SENT) is sent again as a
   * new release (new link, new code, same recipient and expiry); the old one is revoked, so what
   * may have gone out of it stops working. 409 once it was sent, revoked, expired or locked.
   */
  @Post(':releaseId/resend')
  resend(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('productionId') productionId: string,
    @UuidParam('releaseId') releaseId: string,
  ): Promise<ProductionReleaseDto> {
    return this.releases.resend(auth, auditId, productionId, releaseId);
  }

  /** Lead counsel: the link stops working at once (revoking twice changes nothing). */
  @Post(':releaseId/revoke')
  @HttpCode(200)
  revoke(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('productionId') productionId: string,
    @UuidParam('releaseId') releaseId: string,
  ): Promise<ProductionReleaseDto> {
    return this.releases.revoke(auth, auditId, productionId, releaseId);
  }
}
