export class CalendarFeedDto {
  /**
   * The secret feed URL for calendar apps (Outlook, Google Calendar: "subscribe from URL").
   * Shown once; making a new one invalidates the old.
   */
  url: string;
}

export class CalendarFeedStatusDto {
  /** Whether the user has made a feed URL; it works until a new one replaces it. */
  exists: boolean;
}
