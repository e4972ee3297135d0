import type { Audit, Prisma } from '@app/db';
import {
  calendarDate,
  canonicalTimeZone,
  formatCalendarDate,
  readLocalTime,
  repeatedTimeProblem,
  todayIn,
  wallClockTime,
} from '@app/domain';
import { AppError } from '../common/app-error';
import type { CreateAuditDto } from './dto/audit.dto';

export type AuditFields = Omit<Prisma.AuditUncheckedCreateInput, 'id' | 'createdById' | 'createdAt' | 'updatedAt'>;

const nullableDay = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? null : calendarDate(value);

/**
 * Turns DTO values into columns and checks the dates against each other. When only the zone
 * changes, the deadline keeps its wall-clock time, read again in the new zone (the parties'
 * "5 pm" stays 5 pm).
 */
export function auditFields(dto: Partial<CreateAuditDto>, current: Audit | null): Partial<AuditFields> {
  const zone = dto.deadlineTimeZone ? canonicalTimeZone(dto.deadlineTimeZone) : current?.deadlineTimeZone;
  let responseDeadline: Date | undefined;
  if (zone && (dto.responseDeadline !== undefined || dto.deadlineTimeZone !== undefined)) {
    const wallClock = dto.responseDeadline ?? wallClockTime(current!.responseDeadline, current!.deadlineTimeZone);
    const reading = readLocalTime(wallClock, zone);
    if (reading.kind === 'repeated') {
      throw AppError.invalid(
        'responseDeadline',
        repeatedTimeProblem('responseDeadline', wallClock, zone, reading.readings),
      );
    }
    if (reading.kind !== 'instant') {
      throw AppError.invalid(
        'responseDeadline',
        `responseDeadline ${wallClock} does not exist in ${zone} (a date out of range, or a time skipped by a daylight-saving change).`,
      );
    }
    responseDeadline = reading.instant;
  }
  const merged = (key: 'periodStart' | 'periodEnd' | 'receivedOn' | 'letterDate') =>
    dto[key] !== undefined ? dto[key] : current?.[key] ? formatCalendarDate(current[key]) : null;
  const periodStart = merged('periodStart');
  const periodEnd = merged('periodEnd');
  if (periodStart && periodEnd && periodStart > periodEnd) {
    throw AppError.invalid('periodEnd', 'periodEnd must not be before periodStart.');
  }
  const receivedOn = merged('receivedOn');
  const deadline = responseDeadline ?? current?.responseDeadline;
  if (receivedOn && deadline && zone && receivedOn > todayIn(zone, deadline)) {
    throw AppError.invalid('receivedOn', 'receivedOn must not be after the response deadline.');
  }
  // A letter reaches the firm on or after the day it bears: a later date is a slip of the keyboard.
  const letterDate = merged('letterDate');
  if (letterDate && receivedOn && letterDate > receivedOn) {
    throw AppError.invalid('letterDate', `letterDate must not be after receivedOn (${receivedOn}).`);
  }
  return {
    title: dto.title,
    referenceCode: dto.referenceCode,
    demandingParty: dto.demandingParty,
    demandingCounselName: dto.demandingCounselName,
    demandingCounselFirm: dto.demandingCounselFirm,
    demandingCounselEmail: dto.demandingCounselEmail,
    respondingParty: dto.respondingParty,
    respondingCounselName: dto.respondingCounselName,
    respondingCounselFirm: dto.respondingCounselFirm,
    respondingCounselEmail: dto.respondingCounselEmail,
    agreementTitle: dto.agreementTitle,
    agreementVersion: dto.agreementVersion,
    auditClauseRef: dto.auditClauseRef,
    letterDate: nullableDay(dto.letterDate),
    receivedOn: dto.receivedOn ? calendarDate(dto.receivedOn) : undefined,
    responseDeadline,
    deadlineTimeZone: dto.deadlineTimeZone ? zone : undefined,
    periodStart: nullableDay(dto.periodStart),
    periodEnd: nullableDay(dto.periodEnd),
    notes: dto.notes,
  };
}
