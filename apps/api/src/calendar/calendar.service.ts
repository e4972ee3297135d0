import { Injectable } from '@nestjs/common';
import ical, { ICalAlarmType } from 'ical-generator';
import { DateTime } from 'luxon';
import { hashSecret, newSecret } from '@app/accounts';
import { AppConfig } from '@app/config';
import { PrismaService } from '@app/db';
import { AuditStatus, Clock, DONE_STATUSES, formatCalendarDate } from '@app/domain';
import { AppError } from '../common/app-error';
import type { AuthContext } from '../auth/auth-context';
import type { CalendarFeedDto, CalendarFeedStatusDto } from './dto/calendar.dto';

const FEED_PREFIX = 'cal_';
const FEED_REFRESH_SECONDS = 3600;
/** A deadline event's length (it starts at the deadline). */
const DEADLINE_EVENT_MS = 30 * 60_000;
/** Alarms before a deadline: a day and two hours ahead. */
const DEADLINE_ALARMS = [86_400, 2 * 3600];
/** A due date is an all-day event from midnight: 15 hours before is 09:00 the day before. */
const DUE_DAY_ALARM_SECONDS = 15 * 3600;

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
      select: {
        id: true,
        title: true,
        referenceCode: true,
        responseDeadline: true,
        deadlineTimeZone: true,
        deadlineRevision: true,
      },
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
        version: true,
        subject: { select: { name: true } },
        request: { select: { ordinal: true, title: true } },
        audit: { select: { referenceCode: true } },
      },
    });
    const base = this.config.APP_URL.replace(/\/$/, '');
    const calendar = ical({
      name: `AuditDesk: ${user.name}`,
      prodId: { company: 'AuditDesk', product: 'deadlines' },
      // REFRESH-INTERVAL (RFC 7986) and X-PUBLISHED-TTL: how often calendar apps fetch the feed
      // again, so a moved deadline reaches them within the hour.
      ttl: FEED_REFRESH_SECONDS,
    });
    const stamp = this.clock.now();
    for (const a of audits) {
      calendar.createEvent({
        id: `audit-${a.id}@auditdesk`,
        stamp,
        start: a.responseDeadline,
        // RFC 5545 wants DTEND after DTSTART; a short block at the deadline shows in every app
        // (several drop or hide zero-length events).
        end: new Date(a.responseDeadline.getTime() + DEADLINE_EVENT_MS),
        // Bumped by each move of the deadline: apps replace the event instead of keeping the old time.
        sequence: a.deadlineRevision,
        alarms: DEADLINE_ALARMS.map((before) => ({
          type: ICalAlarmType.display,
          triggerBefore: before,
          description: `Response due: ${a.referenceCode} ${a.title}`,
        })),
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
        // The response's version grows with every change, its due date's included.
        sequence: r.version,
        alarms: [
          {
            type: ICalAlarmType.display,
            triggerBefore: DUE_DAY_ALARM_SECONDS,
            description: `Due tomorrow: ${r.audit.referenceCode} ${r.subject.name}, request ${r.request.ordinal}`,
          },
        ],
        summary: `Due: ${r.audit.referenceCode} ${r.subject.name}, request ${r.request.ordinal} ${r.request.title}`,
        url: `${base}/audits/${r.auditId}/responses/${r.id}`,
      });
    }
    return calendar.toString();
  }
}
