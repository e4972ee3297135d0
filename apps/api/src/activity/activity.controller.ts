import { Controller, Get, Query } from '@nestjs/common';
import { ApiExtraModels, ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { UuidParam } from '../common/uuid-param';
import { ActivityPageDto, ActivityQueryDto, FieldChangeDto } from './dto/activity.dto';
import { ActivityService } from './activity.service';

@ApiTags('activity')
@ApiExtraModels(FieldChangeDto)
@Controller('audits/:auditId/activity')
export class ActivityController {
  constructor(private readonly activity: ActivityService) {}

  /** Who changed what and when in this audit, newest first. */
  @Get()
  list(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Query() query: ActivityQueryDto,
  ): Promise<ActivityPageDto> {
    return this.activity.list(auth, auditId, query);
  }
}
