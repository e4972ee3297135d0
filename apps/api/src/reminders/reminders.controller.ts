import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { UuidParam } from '../common/uuid-param';
import {
  ReminderDto,
  ReminderListQueryDto,
  ReminderPageDto,
  ReminderPolicyDto,
  SendDigestNowDto,
} from './dto/reminder.dto';
import { MyRemindersDto, SetMyRemindersDto } from './dto/reminder-subscription.dto';
import { ReminderSubscriptionsService } from './reminder-subscriptions.service';
import { PauseRemindersDto, ReminderPauseDto } from './dto/reminder-pause.dto';
import { ReminderPauseService } from './reminder-pause.service';
import { RemindersService } from './reminders.service';

@ApiTags('reminders')
@Controller('audits/:auditId/reminders')
export class RemindersController {
  constructor(
    private readonly reminders: RemindersService,
    private readonly subscriptions: ReminderSubscriptionsService,
    private readonly pauses: ReminderPauseService,
  ) {}

  /** Whether counsel paused the audit's reminders, since when, why and by whom. */
  @Get('pause')
  pause(@Auth() auth: AuthContext, @UuidParam('auditId') auditId: string): Promise<ReminderPauseDto> {
    return this.pauses.get(auth, auditId);
  }

  /** Pauses every reminder of the audit, with a reason (counsel): none are planned or sent until resumed. */
  @Put('pause')
  setPause(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: PauseRemindersDto,
  ): Promise<ReminderPauseDto> {
    return this.pauses.pause(auth, auditId, dto);
  }

  /** Resumes the audit's reminders (counsel) and plans them again from now. */
  @Delete('pause')
  resume(@Auth() auth: AuthContext, @UuidParam('auditId') auditId: string): Promise<ReminderPauseDto> {
    return this.pauses.resume(auth, auditId);
  }

  /** Whether the logged-in member gets this audit's reminders. */
  @Get('mine')
  mine(@Auth() auth: AuthContext, @UuidParam('auditId') auditId: string): Promise<MyRemindersDto> {
    return this.subscriptions.mine(auth, auditId);
  }

  /** Turns the logged-in member's own reminders of this audit on or off (and re-plans them). */
  @Put('mine')
  setMine(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: SetMyRemindersDto,
  ): Promise<MyRemindersDto> {
    return this.subscriptions.setMine(auth, auditId, dto.enabled);
  }

  /** The audit's planned, sent, cancelled and failed reminders, by send time. */
  @Get()
  list(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Query() query: ReminderListQueryDto,
  ): Promise<ReminderPageDto> {
    return this.reminders.list(auth, auditId, query);
  }

  /** The audit's reminder policy (the defaults when none is set). */
  @Get('policy')
  getPolicy(@Auth() auth: AuthContext, @UuidParam('auditId') auditId: string): Promise<ReminderPolicyDto> {
    return this.reminders.getPolicy(auth, auditId);
  }

  /** Replaces the audit's reminder policy (counsel) and re-plans its pending reminders. */
  @Put('policy')
  putPolicy(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: ReminderPolicyDto,
  ): Promise<ReminderPolicyDto> {
    return this.reminders.putPolicy(auth, auditId, dto);
  }

  /** Sends one member a digest of their open items in this audit now (counsel). */
  @Post('send-now')
  sendNow(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: SendDigestNowDto,
  ): Promise<ReminderDto> {
    return this.reminders.sendNow(auth, auditId, dto);
  }

  /** Sends a FAILED reminder again (counsel). */
  @Post(':reminderId/retry')
  @HttpCode(200)
  retry(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('reminderId') reminderId: string,
  ): Promise<ReminderDto> {
    return this.reminders.retry(auth, auditId, reminderId);
  }
}
