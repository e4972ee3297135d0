import { DateTime } from 'luxon';

// The correspondence log with the other side: what an entry is, and the demand letter's own
// entry, which the API makes when the letter is attached and the demo seed writes directly.

export const CorrespondenceDirection = { RECEIVED: 'RECEIVED', SENT: 'SENT' } as const;
export type CorrespondenceDirection = (typeof CorrespondenceDirection)[keyof typeof CorrespondenceDirection];

export const CorrespondenceChannel = {
  LETTER: 'LETTER',
  EMAIL: 'EMAIL',
  CALL: 'CALL',
  MEETING: 'MEETING',
  OTHER: 'OTHER',
} as const;
export type CorrespondenceChannel = (typeof CorrespondenceChannel)[keyof typeof CorrespondenceChannel];

export const CORRESPONDENCE_DIRECTION_LABEL: Record<CorrespondenceDirection, string> = {
  RECEIVED: 'Received',
  SENT: 'Sent',
};

export const CORRESPONDENCE_CHANNEL_LABEL: Record<CorrespondenceChannel, string> = {
  LETTER: 'Letter',
  EMAIL: 'Email',
  CALL: 'Call',
  MEETING: 'Meeting',
  OTHER: 'Other',
};

/** The longest subject and summary an entry takes (the DTO's limits too). */
export const CORRESPONDENCE_SUBJECT_MAX = 300;
export const CORRESPONDENCE_SUMMARY_MAX = 10_000;

/** The parts of an audit the demand letter's entry is written from. */
export interface DemandLetterSource {
  demandingParty: string;
  demandingCounselName: string | null;
  demandingCounselFirm: string | null;
  respondingParty: string;
  /** The letter's date, YYYY-MM-DD (the audit's letterDate; else the day it was received). */
  letterDay: string;
  /** The audit's deadline zone: the parties' wall clock. */
  zone: string;
}

export interface DemandLetterEntry {
  occurredAt: Date;
  timeZone: string;
  direction: CorrespondenceDirection;
  channel: CorrespondenceChannel;
  fromParty: string;
  toParty: string;
  subject: string;
}

/**
 * The demand letter as the log's first entry: received, by letter, from the demanding party's
 * counsel (or the party) to the responding party. A letter bears a day, not a time: it is
 * placed at noon of that day in the audit's zone, so every zone a reader may be in shows the
 * same day (midnight would show the day before west of it).
 */
export function demandLetterEntry(source: DemandLetterSource): DemandLetterEntry {
  const counsel = [source.demandingCounselName, source.demandingCounselFirm].filter(Boolean).join(', ');
  return {
    occurredAt: DateTime.fromISO(`${source.letterDay}T12:00`, { zone: source.zone }).toJSDate(),
    timeZone: source.zone,
    direction: CorrespondenceDirection.RECEIVED,
    channel: CorrespondenceChannel.LETTER,
    fromParty: counsel ? `${counsel} for ${source.demandingParty}` : source.demandingParty,
    toParty: source.respondingParty,
    subject: `Demand letter of ${DateTime.fromISO(source.letterDay).toFormat('d LLLL yyyy')}`,
  };
}
