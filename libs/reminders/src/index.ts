export * from './reminder-plans';
