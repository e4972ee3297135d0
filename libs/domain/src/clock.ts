/**
 * The one source of "now". Everything time-dependent (overdue, time left, planning)
 * asks the injected Clock, so tests and replays can move time without touching code.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export class FixedClock extends Clock {
  constructor(private instant: Date) {
    super();
  }
  now(): Date {
    return new Date(this.instant);
  }
  set(instant: Date): void {
    this.instant = instant;
  }
}

/**
 * Starts at a given instant and runs forward at real speed: replays a case "as of" a past
 * day (CLOCK_START) while delays, planning and "overdue" still move on.
 */
export class ReplayClock extends Clock {
  private readonly offset: number;
  constructor(start: Date, realNow: number = Date.now()) {
    super();
    this.offset = start.getTime() - realNow;
  }
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

/** The process clock: a ReplayClock from `start` when given (CLOCK_START), else the system's. */
export const clockFrom = (start?: Date): Clock => (start ? new ReplayClock(start) : new SystemClock());
