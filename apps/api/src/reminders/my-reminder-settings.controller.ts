import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { MyReminderSettingsDto, MyReminderSettingsInputDto } from './dto/my-reminder-settings.dto';
import { MyReminderSettingsService } from './my-reminder-settings.service';

@ApiTags('reminders')
@Controller('me/reminders')
export class MyReminderSettingsController {
  constructor(private readonly settings: MyReminderSettingsService) {}

  /** The logged-in user's digest hour, days and vacation, and each of their audits' reminders on or off. */
  @Get()
  get(@Auth() auth: AuthContext): Promise<MyReminderSettingsDto> {
    return this.settings.get(auth);
  }

  /** Replaces the logged-in user's digest hour, days and vacation, and re-plans their reminders. */
  @Put()
  put(@Auth() auth: AuthContext, @Body() dto: MyReminderSettingsInputDto): Promise<MyReminderSettingsDto> {
    return this.settings.put(auth, dto);
  }
}
