import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { PageQueryDto } from '../common/pagination.dto';
import { UuidParam } from '../common/uuid-param';
import { CreateRequestDto, RequestDto, RequestPageDto, UpdateRequestDto } from './dto/request.dto';
import { RequestsService } from './requests.service';

@ApiTags('requests')
@Controller('audits/:auditId/requests')
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  /** The demanded items, in order. */
  @Get()
  list(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Query() query: PageQueryDto,
  ): Promise<RequestPageDto> {
    return this.requests.list(auth, auditId, query);
  }

  /** Adds a demanded item; a response is created for every subject it applies to. */
  @Post()
  create(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: CreateRequestDto,
  ): Promise<RequestDto> {
    return this.requests.create(auth, auditId, dto);
  }

  /** Edits a request (its text, its provision, the subjects it applies to). */
  @Patch(':requestId')
  update(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('requestId') requestId: string,
    @Body() dto: UpdateRequestDto,
  ): Promise<RequestDto> {
    return this.requests.update(auth, auditId, requestId, dto);
  }

  /** Deletes a request when none of its responses holds work. */
  @Delete(':requestId')
  @HttpCode(204)
  remove(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('requestId') requestId: string,
  ): Promise<void> {
    return this.requests.remove(auth, auditId, requestId);
  }
}
