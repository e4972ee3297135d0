// Queue names are a persisted contract with Redis: never rename one in place.
export enum QueueName {
  /** Deadline reminders (the reminders feature fills this queue). */
  Reminders = 'reminders',
  /** PDF reports rendered in the background (apps/worker/src/reports). */
  Reports = 'reports',
}

/** A report job carries the report's id only: the Report row is the source of truth. */
export interface ReportJob {
  reportId: string;
}

export const ALL_QUEUES: readonly QueueName[] = Object.values(QueueName);
