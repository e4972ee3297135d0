import { Controller, Get, Header, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/health';
import { Auth, type AuthContext } from '../auth/auth-context';
import { CalendarFeedDto, CalendarFeedStatusDto } from './dto/calendar.dto';
import { CalendarService } from './calendar.service';

@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /** Creates (or replaces) the logged-in user's secret calendar feed URL. */
  @Post('feed')
  rotate(@Auth() auth: AuthContext): Promise<CalendarFeedDto> {
    return this.calendar.rotate(auth);
  }

  /** Whether the logged-in user has a feed URL (the URL itself is shown only when it is made). */
  @Get('feed')
  status(@Auth() auth: AuthContext): Promise<CalendarFeedStatusDto> {
    // Declared before `:file`, so that GET /calendar/feed is this, not a feed file named "feed".
    return this.calendar.status(auth);
  }

  /** The iCalendar feed itself; the secret in the path is the only credential. */
  @Public()
  @Get(':file')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, no-store')
  @ApiOkResponse({
    description: 'An iCalendar (RFC 5545) document.',
    content: { 'text/calendar': { schema: { type: 'string' } } },
  })
  feed(@Param('file') file: string): Promise<string> {
    return this.calendar.feed(file);
  }
}
