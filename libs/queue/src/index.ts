export * from './queues';
export * from './reminder-jobs';
