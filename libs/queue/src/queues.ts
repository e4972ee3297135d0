// Queue names are a persisted contract with Redis: never rename one in place.
export enum QueueName {
  /** Deadline reminders (the reminders feature fills this queue). */
  Reminders = 'reminders',
}

export const ALL_QUEUES: readonly QueueName[] = Object.values(QueueName);
