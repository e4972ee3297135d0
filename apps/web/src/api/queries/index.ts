// Server state: one TanStack Query hook per read, and the writes with what each invalidates,
// one file per feature. Screens import from here ('../api/queries'), never from a feature file.
export * from './keys';
export * from './auth';
export * from './audits';
export * from './members';
export * from './structure';
export * from './responses';
export * from './activity';
export * from './reminders';
export * from './extensions';
export * from './legal-hold';
export * from './evidence';
export * from './reports';
export * from './templates';
export * from './form-definitions';
export * from './people';
export * from './documents';
export * from './imports';
export * from './formal-response';
export * from './productions';
export * from './production-releases';
export * from './redactions';
export * from './response-submissions';
export * from './correspondence';
export * from './forms';
