import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { UuidParam } from '../common/uuid-param';
import { AuditProgressDto } from './dto/progress.dto';
import { ProgressService } from './progress.service';

@ApiTags('progress')
@Controller('audits/:auditId/progress')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  /** Counts by status per subject and per request, percent complete, overdue items and time left. */
  @Get()
  get(@Auth() auth: AuthContext, @UuidParam('auditId') auditId: string): Promise<AuditProgressDto> {
    return this.progress.get(auth, auditId);
  }
}
