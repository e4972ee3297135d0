import { Injectable } from '@nestjs/common';
import ical from 'ical-generator';
import { DateTime } from 'luxon';
import { hashSecret, newSecret } from '@app/accounts';
import { AppConfig } from '@app/config';
import { PrismaService } from '@app/db';
import { AuditStatus, Clock, DONE_STATUSES, formatCalendarDate } from '@app/domain';
import { AppError } from '../common/app-error';
import type { AuthContext } from '../auth/auth-context';
import type { CalendarFeedDto, CalendarFeedStatusDto } from './dto/calendar.dto';

const FEED_PREFIX = 'cal_';

/**
 * A per-user iCalendar feed: the response deadline of every active audit the user is a
 * member of, and the internal due date of every open response they are assignee or reviewer
 * of. The URL carries a secret (only its SHA-256 is stored), since calendar apps cannot log in.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Makes a new feed URL for the logged-in user; any previous one stops working. */
  async rotate(auth: AuthContext): Promise<CalendarFeedDto> {
    const token = newSecret(FEED_PREFIX);
    await this.prisma.user.update({ where: { id: auth.user.id }, data: { calendarTokenHash: hashSecret(token) } });
    return { url: `${this.config.APP_URL.replace(/\/$/, '')}/api/calendar/${token}.ics` };
  }

  async status(auth: AuthContext): Promise<CalendarFeedStatusDto> {
    const user = await this.prisma.user.findUniqueOrThrow({
      where: { id: auth.user.id },
      select: { calendarTokenHash: true },
    });
    return { exists: user.calendarTokenHash !== null };
  }

  async feed(file: string): Promise<string> {
    const token = file.replace(/\.ics$/, '');
    const user = token.startsWith(FEED_PREFIX)
      ? await this.prisma.user.findUnique({
          where: { calendarTokenHash: hashSecret(token) },
          select: { id: true, active: true, name: true },
        })
      : null;
    if (!user || !user.active) throw AppError.notFound('Calendar feed');

    const active = { status: { in: [AuditStatus.DRAFT, AuditStatus.OPEN] } };
    const audits = await this.prisma.audit.findMany({
      where: { ...active, members: { some: { userId: user.id } } },
      select: { id: true, title: true, referenceCode: true, responseDeadline: true, deadlineTimeZone: true },
    });
    const responses = await this.prisma.response.findMany({
      where: {
        audit: active,
        dueDate: { not: null },
        status: { notIn: [...DONE_STATUSES] },
        OR: [{ assigneeId: user.id }, { reviewerId: user.id }],
      },
      select: {
        id: true,
        auditId: true,
        dueDate: true,
        subject: { select: { name: true } },
        request: { select: { ordinal: true, title: true } },
        audit: { select: { referenceCode: true } },
      },
    });
    const base = this.config.APP_URL.replace(/\/$/, '');
    const calendar = ical({ name: `AuditDesk: ${user.name}`, prodId: { company: 'AuditDesk', product: 'deadlines' } });
    const stamp = this.clock.now();
    for (const a of audits) {
      calendar.createEvent({
        id: `audit-${a.id}@auditdesk`,
        stamp,
        start: a.responseDeadline,
        end: a.responseDeadline,
        summary: `Response due: ${a.referenceCode} ${a.title}`,
        description: `Deadline ${DateTime.fromJSDate(a.responseDeadline, { zone: a.deadlineTimeZone }).toFormat('ccc d LLL yyyy HH:mm ZZZZ')} (${a.deadlineTimeZone})`,
        url: `${base}/audits/${a.id}`,
      });
    }
    for (const r of responses) {
      calendar.createEvent({
        id: `response-${r.id}@auditdesk`,
        stamp,
        // A due date is a calendar day, not an instant: an all-day event.
        start: DateTime.fromISO(formatCalendarDate(r.dueDate!), { zone: 'utc' }),
        allDay: true,
        summary: `Due: ${r.audit.referenceCode} ${r.subject.name}, request ${r.request.ordinal} ${r.request.title}`,
        url: `${base}/audits/${r.auditId}/responses/${r.id}`,
      });
    }
    return calendar.toString();
  }
}
