export * from './enums';
export * from './audit-access';
export * from './audit-lifecycle';
export * from './response-workflow';
export * from './response-grid';
export * from './deadlines';
export * from './progress';
export * from './clock';
