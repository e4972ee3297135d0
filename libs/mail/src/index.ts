export * from './mail-transport';
export * from './reminder-digest';
