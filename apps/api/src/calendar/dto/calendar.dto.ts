export class CalendarFeedDto {
  /**
   * The secret feed URL for calendar apps (Outlook, Google Calendar: "subscribe from URL").
   * Shown once; making a new one invalidates the old.
   */
  url: string;
}
