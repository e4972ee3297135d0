import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { UuidParam } from '../common/uuid-param';
import { AuditsService } from './audits.service';
import { AuditCopyService } from './audit-copy.service';
import {
  AuditDto,
  AuditListQueryDto,
  AuditPageDto,
  CopyAuditDto,
  CreateAuditDto,
  UpdateAuditDto,
} from './dto/audit.dto';

@ApiTags('audits')
@Controller('audits')
export class AuditsController {
  constructor(
    private readonly audits: AuditsService,
    private readonly copies: AuditCopyService,
  ) {}

  /** Audits the caller is a member of (every audit for an admin), soonest deadline first. */
  @Get()
  list(@Auth() auth: AuthContext, @Query() query: AuditListQueryDto): Promise<AuditPageDto> {
    return this.audits.list(auth, query);
  }

  /** Opens a new audit; the creator becomes its lead counsel. */
  @Post()
  create(@Auth() auth: AuthContext, @Body() dto: CreateAuditDto): Promise<AuditDto> {
    return this.audits.create(auth, dto);
  }

  /** One audit with its demand, parties and deadline. */
  @Get(':auditId')
  get(@Auth() auth: AuthContext, @UuidParam('auditId') auditId: string): Promise<AuditDto> {
    return this.audits.get(auth, auditId);
  }

  /** Edits the audit (counsel); changing its status needs lead counsel. */
  @Patch(':auditId')
  update(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: UpdateAuditDto,
  ): Promise<AuditDto> {
    return this.audits.update(auth, auditId, dto);
  }

  /**
   * Copies the audit as a new DRAFT demand (lead counsel): provisions, subjects, requests,
   * members and who does which cell; never answers, evidence, comments, reports or history.
   */
  @Post(':auditId/copy')
  copy(@Auth() auth: AuthContext, @UuidParam('auditId') auditId: string, @Body() dto: CopyAuditDto): Promise<AuditDto> {
    return this.copies.copy(auth, auditId, dto);
  }

  /** Deletes the audit and everything in it (lead counsel); refused with 409 while under legal hold. */
  @Delete(':auditId')
  @HttpCode(204)
  remove(@Auth() auth: AuthContext, @UuidParam('auditId') auditId: string): Promise<void> {
    return this.audits.remove(auth, auditId);
  }
}
