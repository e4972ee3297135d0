import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { PageQueryDto } from '../common/pagination.dto';
import { UuidParam } from '../common/uuid-param';
import { CreateProvisionDto, ProvisionDto, ProvisionPageDto, UpdateProvisionDto } from './dto/provision.dto';
import { ProvisionsService } from './provisions.service';

@ApiTags('provisions')
@Controller('audits/:auditId/provisions')
export class ProvisionsController {
  constructor(private readonly provisions: ProvisionsService) {}

  /** The provisions of the agreement the audit cites, in order. */
  @Get()
  list(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Query() query: PageQueryDto,
  ): Promise<ProvisionPageDto> {
    return this.provisions.list(auth, auditId, query);
  }

  /** Adds a provision of the agreement. */
  @Post()
  create(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: CreateProvisionDto,
  ): Promise<ProvisionDto> {
    return this.provisions.create(auth, auditId, dto);
  }

  /** Edits a provision. */
  @Patch(':provisionId')
  update(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('provisionId') provisionId: string,
    @Body() dto: UpdateProvisionDto,
  ): Promise<ProvisionDto> {
    return this.provisions.update(auth, auditId, provisionId, dto);
  }

  /** Deletes a provision that no request cites. */
  @Delete(':provisionId')
  @HttpCode(204)
  remove(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('provisionId') provisionId: string,
  ): Promise<void> {
    return this.provisions.remove(auth, auditId, provisionId);
  }
}
