export * from './queues';
export * from './reminder-jobs';
export * from './evidence-integrity-jobs';
