import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { PageQueryDto } from '../common/pagination.dto';
import { UuidParam } from '../common/uuid-param';
import { CreateExtensionDto, DecideExtensionDto, ExtensionDto, ExtensionPageDto } from './dto/extension.dto';
import { ExtensionsService } from './extensions.service';

@ApiTags('extensions')
@Controller('audits/:auditId/extensions')
export class ExtensionsController {
  constructor(private readonly extensions: ExtensionsService) {}

  /** The deadline's history: every extension asked for, newest first. */
  @Get()
  list(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Query() query: PageQueryDto,
  ): Promise<ExtensionPageDto> {
    return this.extensions.list(auth, auditId, query);
  }

  /** Records that an extension was asked for (counsel). */
  @Post()
  create(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: CreateExtensionDto,
  ): Promise<ExtensionDto> {
    return this.extensions.create(auth, auditId, dto);
  }

  /** Records the decision (counsel); GRANTED moves the audit's deadline and its reminders. */
  @Post(':extensionId/decision')
  @HttpCode(200)
  decide(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('extensionId') extensionId: string,
    @Body() dto: DecideExtensionDto,
  ): Promise<ExtensionDto> {
    return this.extensions.decide(auth, auditId, extensionId, dto);
  }
}
