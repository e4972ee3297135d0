import { Body, Controller, Delete, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { UuidParam } from '../common/uuid-param';
import { LegalHoldDto, LiftLegalHoldDto, PlaceLegalHoldDto } from './dto/legal-hold.dto';
import { LegalHoldService } from './legal-hold.service';

@ApiTags('legal hold')
@Controller('audits/:auditId/legal-hold')
export class LegalHoldController {
  constructor(private readonly holds: LegalHoldService) {}

  /** Whether the audit is under legal hold, since when, why and by whom. */
  @Get()
  get(@Auth() auth: AuthContext, @UuidParam('auditId') auditId: string): Promise<LegalHoldDto> {
    return this.holds.get(auth, auditId);
  }

  /** Places the audit under legal hold (lead counsel; a reason is required): nothing in it can be deleted. */
  @Put()
  place(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: PlaceLegalHoldDto,
  ): Promise<LegalHoldDto> {
    return this.holds.place(auth, auditId, dto);
  }

  /** Lifts the hold (lead counsel; a reason is required and recorded). */
  @Delete()
  lift(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: LiftLegalHoldDto,
  ): Promise<LegalHoldDto> {
    return this.holds.lift(auth, auditId, dto);
  }
}
